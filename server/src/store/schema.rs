//! The tables as Diesel sees them: every query in `store` is checked against this at compile
//! time. It must equal what `migrations/sqlite` and `migrations/postgres` make (the two
//! folders are compared by `tests/api/schema.rs`; a query against a column that is not here
//! does not compile). Times are Unix seconds.

diesel::table! {
    meta (key) {
        key -> Text,
        value -> Text,
    }
}

diesel::table! {
    organisations (id) {
        id -> BigInt,
        name -> Text,
        created_at -> BigInt,
        is_demo -> Bool,
        kind -> Text,
        contact -> Nullable<Text>,
        active -> Bool,
        two_factor_required -> Bool,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        organisation_id -> Nullable<BigInt>,
        email -> Text,
        name -> Text,
        role -> Text,
        password_hash -> Text,
        created_at -> BigInt,
        active -> Bool,
        totp_secret -> Nullable<Text>,
        totp_last_step -> BigInt,
        two_factor_exempt -> Bool,
        message_mails -> Bool,
        language -> Text,
    }
}

diesel::table! {
    sessions (token_hash) {
        token_hash -> Text,
        account_id -> BigInt,
        csrf_token -> Text,
        created_at -> BigInt,
        last_seen_at -> BigInt,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    cases (id) {
        id -> BigInt,
        reference -> Text,
        organisation_id -> BigInt,
        created_by -> BigInt,
        status_key -> Text,
        draft -> Text,
        submission -> Nullable<Text>,
        termijn -> Nullable<Text>,
        created_at -> BigInt,
        updated_at -> BigInt,
        submitted_at -> Nullable<BigInt>,
        casemanager_id -> Nullable<BigInt>,
        closed_at -> Nullable<BigInt>,
        spoed -> Bool,
        status_detail -> Nullable<Text>,
    }
}

diesel::table! {
    /// What the figures count of a sent case: `dienst` and each `onderwerp` (their keys).
    case_facets (case_id, kind, value) {
        case_id -> BigInt,
        kind -> Text,
        value -> Text,
    }
}

diesel::table! {
    /// A new message waiting to be mentioned in its reader's next digest mail: an account
    /// (`account_id`), or the case's citizen (none).
    message_notices (id) {
        id -> BigInt,
        case_id -> BigInt,
        account_id -> Nullable<BigInt>,
        created_at -> BigInt,
        mailed_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// When a reader ("account/12", "burger/34") was last mailed about messages.
    message_digests (reader) {
        reader -> Text,
        last_sent_at -> BigInt,
    }
}

diesel::table! {
    case_events (id) {
        id -> BigInt,
        case_id -> BigInt,
        at -> BigInt,
        actor_role -> Text,
        actor_account -> Nullable<BigInt>,
        event -> Text,
        from_status -> Text,
        to_status -> Text,
        message_helper -> Text,
        message_citizen -> Text,
        datum -> Nullable<Text>,
        reasons -> Nullable<Text>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> BigInt,
        actor_role -> Text,
        actor_account -> Nullable<BigInt>,
        action -> Text,
        case_ref -> Nullable<Text>,
        subject -> Nullable<Text>,
        reason -> Nullable<Text>,
        session -> Nullable<Text>,
        trace_id -> Nullable<Text>,
    }
}

diesel::table! {
    consent_invitations (id) {
        id -> BigInt,
        case_id -> BigInt,
        code_hash -> Text,
        created_by -> BigInt,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
        revoked_at -> Nullable<BigInt>,
        failures -> BigInt,
        purpose -> Text,
    }
}

diesel::table! {
    consents (case_id) {
        case_id -> BigInt,
        decision -> Text,
        text_version -> Text,
        scope -> Text,
        method -> Text,
        decided_at -> BigInt,
        withdrawn_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    citizen_access (case_id) {
        case_id -> BigInt,
        code_hash -> Text,
        created_at -> BigInt,
    }
}

diesel::table! {
    citizen_sessions (token_hash) {
        token_hash -> Text,
        case_id -> BigInt,
        csrf_token -> Text,
        created_at -> BigInt,
        last_seen_at -> BigInt,
    }
}

diesel::table! {
    case_notes (id) {
        id -> BigInt,
        case_id -> BigInt,
        at -> BigInt,
        author_account -> BigInt,
        body -> Text,
    }
}

diesel::table! {
    case_messages (id) {
        id -> BigInt,
        case_id -> BigInt,
        at -> BigInt,
        author_role -> Text,
        author_account -> Nullable<BigInt>,
        body -> Text,
        read_at -> Nullable<BigInt>,
        for_citizen -> Bool,
        for_helper -> Bool,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        case_ref -> Nullable<Text>,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        created_at -> BigInt,
        claimed_until -> Nullable<BigInt>,
        sent_at -> Nullable<BigInt>,
        attempts -> BigInt,
        last_error -> Nullable<Text>,
    }
}

diesel::table! {
    intermediary_invitations (id) {
        id -> BigInt,
        case_id -> BigInt,
        token_hash -> Text,
        label -> Text,
        created_by -> BigInt,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
        revoked_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    intermediary_sessions (token_hash) {
        token_hash -> Text,
        invitation_id -> BigInt,
        csrf_token -> Text,
        created_at -> BigInt,
        last_seen_at -> BigInt,
    }
}

diesel::table! {
    documents (seq) {
        seq -> BigInt,
        id -> Text,
        case_id -> BigInt,
        uploader_role -> Text,
        uploader_account -> Nullable<BigInt>,
        invitation_id -> Nullable<BigInt>,
        kind -> Text,
        description -> Text,
        file_name -> Text,
        content_type -> Text,
        size -> BigInt,
        sha256 -> Text,
        created_at -> BigInt,
        shared_with_citizen -> Bool,
    }
}

diesel::table! {
    final_talks (case_id) {
        case_id -> BigInt,
        held_with -> Text,
        satisfied -> Bool,
        note -> Text,
        recorded_by -> BigInt,
        recorded_at -> BigInt,
    }
}

diesel::table! {
    case_feedback (id) {
        id -> BigInt,
        case_id -> BigInt,
        role -> Text,
        account_id -> Nullable<BigInt>,
        body -> Text,
        at -> BigInt,
        milestone -> Text,
        positive -> Nullable<Bool>,
        contact_requested -> Bool,
        contact_recorded_at -> Nullable<BigInt>,
        contact_recorded_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    help_views (slug) {
        slug -> Text,
        views -> BigInt,
    }
}

diesel::table! {
    attempt_counters (key_hash) {
        key_hash -> Text,
        window_start -> BigInt,
        attempts -> BigInt,
        blocked_until -> BigInt,
    }
}

diesel::table! {
    teams (id) {
        id -> BigInt,
        name -> Text,
        created_at -> BigInt,
        triage -> Bool,
        break_glass -> Bool,
    }
}

diesel::table! {
    case_teams (case_id, team_id) {
        case_id -> BigInt,
        team_id -> BigInt,
    }
}

diesel::table! {
    case_access_grants (id) {
        id -> BigInt,
        case_id -> BigInt,
        account_id -> BigInt,
        reason -> Text,
        granted_at -> BigInt,
        expires_at -> BigInt,
    }
}

diesel::table! {
    account_teams (account_id, team_id) {
        account_id -> BigInt,
        team_id -> BigInt,
    }
}

diesel::table! {
    account_links (token_hash) {
        token_hash -> Text,
        account_id -> BigInt,
        purpose -> Text,
        created_at -> BigInt,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
        revoked_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    recovery_codes (id) {
        id -> BigInt,
        account_id -> BigInt,
        code_hash -> Text,
        used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    sign_in_steps (token_hash) {
        token_hash -> Text,
        account_id -> BigInt,
        new_secret -> Nullable<Text>,
        expires_at -> BigInt,
    }
}

diesel::table! {
    monitor_rules (rule) {
        rule -> Text,
        threshold -> BigInt,
        active -> Bool,
    }
}

diesel::table! {
    alerts (id) {
        id -> BigInt,
        rule -> Text,
        account_id -> BigInt,
        window_start -> BigInt,
        count -> BigInt,
        threshold -> BigInt,
        created_at -> BigInt,
        state -> Text,
        note -> Nullable<Text>,
        handled_by -> Nullable<BigInt>,
        handled_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    consent_disputes (case_id) {
        case_id -> BigInt,
        code_hash -> Text,
        expires_at -> BigInt,
        used_at -> Nullable<BigInt>,
    }
}

diesel::joinable!(consent_disputes -> cases (case_id));

diesel::table! {
    signals (id) {
        id -> BigInt,
        reference -> Text,
        organisation_id -> Nullable<BigInt>,
        filed_by -> BigInt,
        filed_at -> BigInt,
        dienst -> Text,
        thema -> Text,
        wat_gaat_mis -> Text,
        verhaal -> Text,
        oplossing -> Text,
        status_key -> Text,
        text_to_send -> Nullable<Text>,
        text_writer -> Nullable<BigInt>,
        approved_by -> Nullable<BigInt>,
        forwarded_on -> Nullable<Text>,
        updated_at -> BigInt,
    }
}

diesel::table! {
    signal_cases (signal_id, case_id) {
        signal_id -> BigInt,
        case_id -> BigInt,
    }
}

diesel::table! {
    signal_events (id) {
        id -> BigInt,
        signal_id -> BigInt,
        at -> BigInt,
        actor_account -> BigInt,
        event -> Text,
        to_status -> Text,
        body -> Nullable<Text>,
    }
}

diesel::joinable!(signals -> organisations (organisation_id));
diesel::joinable!(anonymous_case_topics -> anonymous_cases (anonymous_case_id));
diesel::joinable!(anonymous_case_states -> anonymous_cases (anonymous_case_id));
diesel::joinable!(signal_cases -> signals (signal_id));
diesel::joinable!(signal_cases -> cases (case_id));
diesel::joinable!(signal_events -> signals (signal_id));
diesel::joinable!(signal_events -> accounts (actor_account));

diesel::table! {
    upload_room (id) {
        id -> BigInt,
        case_id -> BigInt,
        bytes -> BigInt,
        created_at -> BigInt,
    }
}

diesel::table! {
    case_archive (case_id) {
        case_id -> BigInt,
        nomination -> Text,
        action_at -> BigInt,
    }
}

diesel::table! {
    retention_terms (class) {
        class -> Text,
        days -> BigInt,
    }
}

diesel::table! {
    destruction_candidates (case_id) {
        case_id -> BigInt,
        proposed_at -> BigInt,
        state -> Text,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<BigInt>,
        reason -> Nullable<Text>,
        due_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    anonymous_cases (id) {
        id -> BigInt,
        reference_hash -> Text,
        organisation_kind -> Text,
        dienst -> Nullable<Text>,
        spoed -> Bool,
        end_class -> Text,
        outcome -> Nullable<Text>,
        created_at -> BigInt,
        submitted_at -> Nullable<BigInt>,
        ended_at -> BigInt,
        destroyed_at -> BigInt,
    }
}

diesel::table! {
    anonymous_case_topics (anonymous_case_id, topic) {
        anonymous_case_id -> BigInt,
        topic -> Text,
    }
}

diesel::table! {
    anonymous_case_states (anonymous_case_id, seq) {
        anonymous_case_id -> BigInt,
        seq -> BigInt,
        status_key -> Text,
        status_detail -> Nullable<Text>,
        at -> BigInt,
    }
}

diesel::table! {
    destruction_report (id) {
        id -> BigInt,
        reference_hash -> Text,
        end_class -> Text,
        archive_action_at -> BigInt,
        approved_by -> BigInt,
        approved_at -> BigInt,
        destroyed_at -> BigInt,
    }
}

diesel::joinable!(accounts -> organisations (organisation_id));
diesel::joinable!(recovery_codes -> accounts (account_id));
diesel::joinable!(sign_in_steps -> accounts (account_id));
diesel::joinable!(account_teams -> accounts (account_id));
diesel::joinable!(account_teams -> teams (team_id));
diesel::joinable!(case_teams -> cases (case_id));
diesel::joinable!(case_teams -> teams (team_id));
diesel::joinable!(case_access_grants -> cases (case_id));
diesel::joinable!(account_links -> accounts (account_id));
diesel::joinable!(sessions -> accounts (account_id));
diesel::joinable!(cases -> organisations (organisation_id));
diesel::joinable!(case_events -> cases (case_id));
diesel::joinable!(citizen_sessions -> cases (case_id));
diesel::joinable!(citizen_access -> cases (case_id));
diesel::joinable!(case_notes -> accounts (author_account));
diesel::joinable!(case_messages -> accounts (author_account));
diesel::joinable!(case_messages -> cases (case_id));
diesel::joinable!(intermediary_sessions -> intermediary_invitations (invitation_id));
diesel::joinable!(documents -> cases (case_id));
diesel::joinable!(case_facets -> cases (case_id));
diesel::joinable!(message_notices -> cases (case_id));
diesel::joinable!(case_archive -> cases (case_id));
diesel::joinable!(destruction_candidates -> cases (case_id));

diesel::allow_tables_to_appear_in_same_query!(
    meta,
    organisations,
    accounts,
    sessions,
    cases,
    case_facets,
    message_notices,
    message_digests,
    case_events,
    audit_log,
    consent_invitations,
    consents,
    citizen_access,
    citizen_sessions,
    case_notes,
    case_messages,
    outbox,
    intermediary_invitations,
    intermediary_sessions,
    documents,
    case_feedback,
    help_views,
    attempt_counters,
    teams,
    account_teams,
    case_teams,
    case_access_grants,
    account_links,
    recovery_codes,
    sign_in_steps,
    monitor_rules,
    alerts,
    case_archive,
    upload_room,
    consent_disputes,
    signals,
    signal_cases,
    signal_events,
    retention_terms,
    destruction_candidates,
    anonymous_cases,
    anonymous_case_topics,
    anonymous_case_states,
    destruction_report,
);
