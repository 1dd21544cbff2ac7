use model::api::{Health, HealthReport};

use crate::helpers::spawn_app;

#[tokio::test]
async fn health_reports_a_working_database_and_the_version() {
    let app = spawn_app().await;

    let response = app.get("/api/health").await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let report: HealthReport = response.json().await.unwrap();
    assert_eq!(report.status, Health::Ok);
    assert_eq!(report.database, Health::Ok);
    assert_eq!(report.version, env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn health_reports_a_failing_database_with_503() {
    let app = spawn_app().await;
    app.db.close();

    let response = app.get("/api/health").await;

    assert_eq!(response.status(), 503);
    let report: HealthReport = response.json().await.unwrap();
    assert_eq!(report.status, Health::Fout);
    assert_eq!(report.database, Health::Fout);

    // Liveness asks nothing of the database: the process itself still runs.
    let live = app.get("/api/health/live").await;
    assert_eq!(live.status(), 200);
    let live: model::api::Liveness = live.json().await.unwrap();
    assert_eq!(live.status, Health::Ok);
}
