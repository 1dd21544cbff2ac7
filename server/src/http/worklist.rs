//! `GET /api/werkvoorraad`: the staff's work list, a page at a time.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::Router;
use model::worklist::{WorkFilter, WorkList, WorkOrder};
use model::FieldError;

use super::extract::SignedIn;
use crate::access::Viewer;
use crate::clock::today;
use crate::error::{ApiError, ApiResult};
use crate::store::audit::Action;
use crate::store::worklist;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/werkvoorraad", get(work_list))
}

/// The query as typed in an address: each part optional, checked here.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct WorkQuery {
    /// `alle` (default), `mijn`, `mijn_team`, `triage`, `spoed`, `termijn`, `beeindigd`.
    filter: Option<String>,
    /// `termijn` (default), `spoed`, `wachttijd`.
    sortering: Option<String>,
    /// From 1; past the last page gives the last.
    pagina: Option<String>,
}

fn checked(query: &WorkQuery) -> Result<(WorkFilter, WorkOrder, i64), Vec<FieldError>> {
    let mut errors = Vec::new();
    let filter = match query.filter.as_deref() {
        None | Some("") => WorkFilter::default(),
        Some(key) => WorkFilter::parse(key).unwrap_or_else(|| {
            errors.push(FieldError {
                field: "filter".into(),
                message: model::lang::tr(
                    "Dit filter kennen we niet. Kies een filter uit de lijst.",
                    "We do not know this filter. Choose a filter from the list.",
                )
                .into(),
            });
            WorkFilter::default()
        }),
    };
    let order = match query.sortering.as_deref() {
        None | Some("") => WorkOrder::default(),
        Some(key) => WorkOrder::parse(key).unwrap_or_else(|| {
            errors.push(FieldError {
                field: "sortering".into(),
                message: model::lang::tr(
                    "Deze volgorde kennen we niet. Kies een volgorde uit de lijst.",
                    "We do not know this order. Choose an order from the list.",
                )
                .into(),
            });
            WorkOrder::default()
        }),
    };
    let page = match query.pagina.as_deref() {
        None | Some("") => 1,
        Some(text) => match text.parse::<i64>() {
            Ok(page) if page >= 1 => page,
            _ => {
                errors.push(FieldError {
                    field: "pagina".into(),
                    message: model::lang::tr(
                        "Vul bij pagina een heel getal in, 1 of hoger.",
                        "For page, fill in a whole number, 1 or higher.",
                    )
                    .into(),
                });
                1
            }
        },
    };
    if errors.is_empty() {
        Ok((filter, order, page))
    } else {
        Err(errors)
    }
}

#[utoipa::path(get, path = "/api/werkvoorraad", tag = "zaken", params(WorkQuery),
    responses((status = 200, body = WorkList), (status = 403, body = model::api::Problem), (status = 422, body = model::api::Problem)))]
pub(super) async fn work_list(
    State(state): State<AppState>,
    who: SignedIn,
    query: Result<Query<WorkQuery>, QueryRejection>,
) -> ApiResult<axum::Json<WorkList>> {
    // A query that is not even the right shape (a part twice) gets the API's Dutch answer.
    let Query(query) = query.map_err(|_| ApiError::BadBody)?;
    let Viewer::Staff { account } = who.viewer() else {
        return Err(ApiError::Forbidden);
    };
    let (filter, order, page) = checked(&query).map_err(ApiError::Invalid)?;
    let today = today();
    let list = state
        .db
        .run(move |conn| worklist::page_in(conn, account, filter, order, page, today))
        .await?;
    who.audit(&state.db, Action::ListCases, None).await?;
    Ok(axum::Json(list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_names_each_wrong_part() {
        let wrong = WorkQuery {
            filter: Some("alles".into()),
            sortering: Some("naam".into()),
            pagina: Some("0".into()),
        };
        let fields: Vec<String> = checked(&wrong)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["filter", "sortering", "pagina"]);
        assert_eq!(
            checked(&WorkQuery::default()).unwrap(),
            (WorkFilter::Alle, WorkOrder::Termijn, 1)
        );
    }
}
