pub mod changed_elsewhere;
pub mod field;
pub mod icons;
pub mod lines_editor;
pub mod notice;
pub mod record_route;
pub mod record_table;
pub mod toolbar;
