//! The HTTP client: one typed `async fn` per API endpoint, over `gloo-net`.

use gloo_net::http::Request;
use model::api::HealthReport;

/// Why a call to the server did not give an answer the app can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiFailure {
    /// No answer: the network is down or the server is away.
    Network,
    /// An answer, but not the one expected.
    Unexpected,
}

impl ApiFailure {
    /// A Dutch sentence for the person using the app: what happened and what to do.
    pub fn message(self) -> &'static str {
        match self {
            ApiFailure::Network => {
                "We kunnen de server nu niet bereiken. Controleer uw internetverbinding en probeer het opnieuw."
            }
            ApiFailure::Unexpected => {
                "De server gaf een onverwacht antwoord. Probeer het over een paar minuten opnieuw."
            }
        }
    }
}

/// `GET /api/health`. A 503 still carries a report (the database is down), so it is decoded too.
pub async fn health() -> Result<HealthReport, ApiFailure> {
    let response = Request::get("/api/health")
        .send()
        .await
        .map_err(|_| ApiFailure::Network)?;
    if !(response.ok() || response.status() == 503) {
        return Err(ApiFailure::Unexpected);
    }
    response
        .json::<HealthReport>()
        .await
        .map_err(|_| ApiFailure::Unexpected)
}
