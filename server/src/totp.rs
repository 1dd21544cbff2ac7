//! The second factor's codes (TOTP, RFC 6238, by the `totp-rs` crate): a new secret, the
//! authenticator app's link as a QR code, and which time step a typed code belongs to.
//! Which step was used last is the store's: a code never counts twice. A leaf.

use base64::Engine;
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// The name the authenticator app shows above the code.
const ISSUER: &str = "Bondgenoot";
/// One step either side: a phone whose clock is up to 30 seconds off still works.
const SKEW: u16 = 1;
const STEP_SECONDS: u64 = 30;

#[derive(Debug, thiserror::Error)]
pub enum TotpError {
    #[error("the operating system gave no random bytes")]
    Random(#[source] getrandom::Error),
    #[error("stored secret is not base32")]
    Secret,
    #[error("totp: {0}")]
    Totp(#[from] totp_rs::TotpError),
}

/// A new secret of 160 bits (RFC 4226 §4), in base32 as apps take it and the store keeps it.
pub fn new_secret() -> Result<String, TotpError> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(TotpError::Random)?;
    Ok(Secret::from(bytes).to_base32())
}

fn totp(secret: &str, account: &str) -> Result<Totp, TotpError> {
    let secret = Secret::try_from_base32(secret).map_err(|_| TotpError::Secret)?;
    Ok(Builder::new()
        .with_algorithm(Algorithm::SHA1) // what every authenticator app supports
        .with_digits(6)
        .with_skew(SKEW)
        .with_step_duration(STEP_SECONDS)
        .with_secret(secret)
        .with_issuer(Some(ISSUER))
        .with_account_name(account)
        .build()?)
}

/// The `otpauth://` link for `email`'s app, as a QR code in an SVG `data:` URL.
pub fn qr_svg(secret: &str, email: &str) -> Result<String, TotpError> {
    // An e-mail address never holds ':' (the one character an otpauth label may not).
    let url = totp(secret, email)?.to_url()?;
    let svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|_| TotpError::Secret)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// The time step (30-second period since the epoch) `code` belongs to at time `at`, one
/// step of clock drift either way allowed; `None` when it is not the app's code.
pub fn step_of(secret: &str, code: &str, at: i64) -> Result<Option<i64>, TotpError> {
    let at = u64::try_from(at).unwrap_or_default();
    Ok(totp(secret, "")?
        .check(code, at)
        .and_then(|step| i64::try_from(step).ok()))
}

/// The app's code at time `at` (for tests and the demo's set-up checks).
pub fn code_at(secret: &str, at: i64) -> Result<String, TotpError> {
    let at = u64::try_from(at).unwrap_or_default();
    Ok(totp(secret, "")?.generate(at).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890" at T = 59 gives 94287082
    /// (8 digits); its last 6 digits are what a 6-digit app shows.
    #[test]
    fn the_rfc_test_vector_holds() {
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
        assert_eq!(code_at(&secret, 1_111_111_109).unwrap(), "081804");
    }

    #[test]
    fn a_code_counts_one_step_either_side_and_no_further() {
        let secret = new_secret().unwrap();
        let now = 1_800_000_000;
        let step = now / 30;
        for (offset, expected) in [
            (-60, None),
            (-30, Some(step - 1)),
            (0, Some(step)),
            (30, Some(step + 1)),
            (60, None),
        ] {
            let code = code_at(&secret, now + offset).unwrap();
            assert_eq!(
                step_of(&secret, &code, now).unwrap(),
                expected,
                "offset {offset}"
            );
        }
    }

    #[test]
    fn the_qr_code_is_an_svg_data_url() {
        let svg = qr_svg(&new_secret().unwrap(), "behandelaar@example.test").unwrap();
        assert!(svg.starts_with("data:image/svg+xml;base64,"));
    }
}
