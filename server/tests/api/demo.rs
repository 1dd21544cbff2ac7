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
        let staff_list: Value = staff.get("/api/zaken").await.json().await.unwrap();

        assert_eq!(helper_list.as_array().unwrap().len(), 4, "three sent cases and a draft");
        let statuses: Vec<&str> = staff_list.as_array().unwrap().iter().map(|c| c["status"]["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, ["geescaleerd", "afgerond", "doorverwezen"], "urgent first, no drafts");
    }
}
