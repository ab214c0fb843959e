//! An id as an attribute's value (an `<option>`'s, a link's), without copying its text.

use std::sync::Arc;

use leptos::prelude::IntoAttributeValue;

use crate::domain::id::Id;

impl IntoAttributeValue for Id {
    type Output = Arc<str>;

    fn into_attribute_value(self) -> Arc<str> {
        self.into_text()
    }
}
