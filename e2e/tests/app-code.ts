import { Secret, TOTP } from "otpauth";

/** The authenticator app's code for `secret` (base32), `ahead` seconds from now. */
export function appCode(secret: string, ahead = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() + ahead * 1000 });
}
