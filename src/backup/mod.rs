pub mod csv;
pub mod csv_fields;
pub mod csv_file;
pub mod csv_import;
pub mod csv_kinds;
pub mod csv_rows;
