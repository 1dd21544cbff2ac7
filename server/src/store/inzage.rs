//! Inzage (AVG art. 15): for one case, everything stored about its citizen, for the
//! beheerder to hand over — the fields as sent (or the draft), the consent record with the
//! version of the text that was shown, the timeline and messages as the citizen reads them,
//! the documents (their metadata), and who viewed the case (the audit log). Read in one unit
//! of work, so the parts agree with each other.

use diesel::prelude::*;
use serde::Serialize;

use super::cases::{self, CaseRow, Reader};
use super::schema::{accounts, audit_log, consents, documents};
use super::{messages, role_of, Conn, StoreResult};

/// The consent record as stored.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentRecord {
    pub besluit: String,
    pub tekst_versie: String,
    pub reikwijdte: String,
    pub wijze: String,
    pub beslist: i64,
    pub ingetrokken: Option<i64>,
}

/// A document's metadata (the files themselves are handed over as they are).
#[derive(Debug, Clone, Serialize)]
pub struct DocumentLine {
    pub bestandsnaam: String,
    pub soort: String,
    pub omschrijving: String,
    pub grootte: i64,
    pub toegevoegd: i64,
}

/// Who viewed or changed the case.
#[derive(Debug, Clone, Serialize)]
pub struct ViewLine {
    pub tijd: i64,
    pub rol: String,
    pub wie: Option<String>,
    pub actie: String,
}

/// Everything stored about the citizen of one case.
#[derive(Debug, Clone, Serialize)]
pub struct Inzage {
    pub referentie: String,
    pub gemaakt: i64,
    /// The fields as sent (or, for a draft, as typed so far), each with its Dutch label.
    pub gegevens: Vec<(String, String)>,
    pub toestemming: Option<ConsentRecord>,
    pub tijdlijn: Vec<model::api::TimelineEntry>,
    pub berichten_voor_burger: Vec<model::api::Message>,
    pub documenten: Vec<DocumentLine>,
    pub inzage_log: Vec<ViewLine>,
}

fn fields_of(case: &CaseRow) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let mut add = |label: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            fields.push((label.to_owned(), value));
        }
    };
    match &case.submission {
        Some(s) => {
            add("Naam", Some(s.burger_naam.as_str().to_owned()));
            add("Geboortedatum", Some(s.burger_geboortedatum.to_dutch()));
            add("BSN", s.burger_bsn.as_ref().map(|b| b.as_str().to_owned()));
            add(
                "Telefoon",
                s.burger_telefoon.as_ref().map(|p| p.as_str().to_owned()),
            );
            add(
                "E-mail",
                s.burger_email.as_ref().map(|e| e.as_str().to_owned()),
            );
            add("Dienst", Some(s.dienst.label().to_owned()));
            let topics: Vec<&str> = s.onderwerpen.iter().map(|o| o.label()).collect();
            add("Onderwerpen", Some(topics.join(", ")));
            add("Wat ging er mis?", Some(s.wat_ging_mis.as_str().to_owned()));
            add(
                "Wat is al geprobeerd?",
                s.wat_is_geprobeerd.as_ref().map(|t| t.as_str().to_owned()),
            );
            add(
                "Welke uitkomst is gewenst?",
                Some(s.gewenste_uitkomst.as_str().to_owned()),
            );
            add(
                "Datum van het besluit",
                s.besluitdatum.map(|d| d.to_dutch()),
            );
            add(
                "Einde van de termijn",
                s.termijn_einddatum.map(|d| d.to_dutch()),
            );
        }
        None => {
            let d = &case.draft;
            add("Naam", d.burger_naam.clone());
            add("Geboortedatum", d.burger_geboortedatum.clone());
            add("BSN", d.burger_bsn.clone());
            add("Telefoon", d.burger_telefoon.clone());
            add("E-mail", d.burger_email.clone());
            add("Wat ging er mis?", d.wat_ging_mis.clone());
            add("Welke uitkomst is gewenst?", d.gewenste_uitkomst.clone());
        }
    }
    fields
}

/// The inzage of the case `reference`, or `None` when there is no such case.
pub fn inzage_in(conn: &mut Conn, reference: &str, made: i64) -> StoreResult<Option<Inzage>> {
    let Some(case) = cases::by_reference_in(conn, reference)? else {
        return Ok(None);
    };
    let organisation = cases::organisation_name_in(conn, case.organisation_id)?;
    let toestemming = consents::table
        .find(case.id)
        .select((
            consents::decision,
            consents::text_version,
            consents::scope,
            consents::method,
            consents::decided_at,
            consents::withdrawn_at,
        ))
        .first::<(String, String, String, String, i64, Option<i64>)>(conn)
        .optional()?
        .map(
            |(besluit, tekst_versie, reikwijdte, wijze, beslist, ingetrokken)| ConsentRecord {
                besluit,
                tekst_versie,
                reikwijdte,
                wijze,
                beslist,
                ingetrokken,
            },
        );
    let tijdlijn = cases::timeline_in(conn, &case, &organisation, Reader::Citizen)?;
    let berichten_voor_burger = messages::messages_in(conn, &case, &organisation, Reader::Citizen)?;
    let documenten = documents::table
        .filter(documents::case_id.eq(case.id))
        .order(documents::seq)
        .select((
            documents::file_name,
            documents::kind,
            documents::description,
            documents::size,
            documents::created_at,
        ))
        .load::<(String, String, String, i64, i64)>(conn)?
        .into_iter()
        .map(
            |(bestandsnaam, soort, omschrijving, grootte, toegevoegd)| DocumentLine {
                bestandsnaam,
                soort,
                omschrijving,
                grootte,
                toegevoegd,
            },
        )
        .collect();
    let views: Vec<(i64, String, Option<String>, String)> = audit_log::table
        .left_join(accounts::table.on(audit_log::actor_account.eq(accounts::id.nullable())))
        .filter(audit_log::case_ref.eq(&case.reference))
        .order(audit_log::id)
        .select((
            audit_log::at,
            audit_log::actor_role,
            accounts::name.nullable(),
            audit_log::action,
        ))
        .load(conn)?;
    let inzage_log = views
        .into_iter()
        .map(|(tijd, role, wie, actie)| {
            Ok(ViewLine {
                tijd,
                rol: role_of(&role)?.as_str().to_owned(),
                wie,
                actie: model::audit_log::action_text(&actie),
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Some(Inzage {
        referentie: case.reference.clone(),
        gemaakt: made,
        gegevens: fields_of(&case),
        toestemming,
        tijdlijn,
        berichten_voor_burger,
        documenten,
        inzage_log,
    }))
}
