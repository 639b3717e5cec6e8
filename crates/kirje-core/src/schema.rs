//! JSON Schemas of the data files, generated from the model's types so
//! editors can autocomplete fields and underline mistakes.

use crate::model::{Edition, Project, Settings};

/// The schemas and the file names they are published under in `schema/`.
pub fn schemas() -> Vec<(&'static str, String)> {
    let pretty = |v: schemars::Schema| {
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        s
    };
    vec![
        (
            "settings.schema.json",
            pretty(schemars::schema_for!(Settings)),
        ),
        (
            "project.schema.json",
            pretty(schemars::schema_for!(Project)),
        ),
        (
            "edition.schema.json",
            pretty(schemars::schema_for!(Edition)),
        ),
        (
            "view.schema.json",
            pretty(schemars::schema_for!(crate::view::View)),
        ),
    ]
}
