pub mod field;
pub mod icons;
pub mod notice;
