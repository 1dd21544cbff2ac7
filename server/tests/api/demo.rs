use bondgenoot_server::demo;
use serde_json::{json, Value};

use crate::on_both_backends;

on_both_backends! {
    async fn the_demo_data_loads_once_and_follows_need_to_know(app: TestApp) {
        assert!(demo::load(&app.workflow, &app.db).await.unwrap());
        assert!(!demo::load(&app.workflow, &app.db).await.unwrap(), "a second load does nothing");

        let mut helper = app.anonymous();
        let me = helper.post_json("/api/sessies", &json!({"email": demo::HELPER, "wachtwoord": demo::PASSWORD})).await;
        assert_eq!(me.status(), 201);
        helper.csrf = me.json::<Value>().await.unwrap()["csrf_token"].as_str().map(str::to_owned);
        let helper_list: Value = helper.get("/api/zaken").await.json().await.unwrap();
        let staff = app.anonymous();
        staff.post_json("/api/sessies", &json!({"email": demo::STAFF, "wachtwoord": demo::PASSWORD})).await;
        let staff_list: Value = staff.get("/api/werkvoorraad").await.json().await.unwrap();

        assert_eq!(helper_list.as_array().unwrap().len(), 5, "four sent cases and a draft");
        let lines = staff_list["zaken"].as_array().unwrap();
        let statuses: Vec<&str> = lines.iter().map(|c| c["status"]["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, ["geescaleerd", "afgerond", "in_behandeling"], "urgent first, no drafts, nothing ended");
        let own: Vec<bool> = lines.iter().map(|c| c["eigen"].as_bool().unwrap()).collect();
        assert_eq!(own, [true, true, false], "the colleague's case is not the demo behandelaar's");
        let ended: Value = staff.get("/api/werkvoorraad?filter=beeindigd").await.json().await.unwrap();
        assert_eq!(ended["zaken"][0]["status"]["status"], "doorverwezen");

        // The figures page has something above its threshold: 40 anonymous records of
        // earlier cases over the last four months (28 closed), and lead times from them.
        let figures: Value = staff.get("/api/cijfers?van=01-01-2000&tot=31-12-2100").await.json().await.unwrap();
        let states = figures["tabellen"].as_array().unwrap().iter().find(|t| t["titel"] == "Zaken per stand").unwrap();
        let closed = states["rijen"].as_array().unwrap().iter().find(|r| r["label"] == "Gesloten").unwrap();
        assert_eq!(closed["waarde"], json!({"soort": "aantal", "waarde": 28}));
        let lead = figures["doorlooptijden"].as_array().unwrap().iter().find(|t| t["stap"] == "Van versturen tot gesloten").unwrap();
        assert!(lead["mediaan_dagen"].as_i64().unwrap() > 0);

        // Three signals of the demo organisation, taken through the same steps as in use:
        // the helper reads them with one terugkoppeling, the figures count them.
        let signals: Value = helper.get("/api/signalen").await.json().await.unwrap();
        let mut statuses: Vec<&str> = signals.as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, ["niet_doorgezet", "nieuw", "teruggekoppeld"]);
        let answered: i64 = signals.as_array().unwrap().iter().map(|s| s["terugkoppelingen"].as_i64().unwrap()).sum();
        assert_eq!(answered, 1);
        let export: String = staff.get("/api/signalen/export?van=01-01-2000&tot=31-12-2100").await.text().await.unwrap();
        assert_eq!(export.lines().count(), 2, "the header and the forwarded signal: {export}");
    }
}
