//! The people records are assigned to. There are no passwords: the device is the boundary.

use serde::{Deserialize, Serialize};

use super::id::Id;
use super::record::{record_serde, Record, RecordMeta};
use super::text::looks_like_email;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct TeamMember {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub name: String,
    #[serde(default)]
    pub email: String,
    pub active: bool,
}

record_serde!(TeamMember {
    meta: RecordMeta,
    name: String,
    email: String,
    active: bool,
});

impl Record for TeamMember {
    fn meta(&self) -> &RecordMeta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut RecordMeta {
        &mut self.meta
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberProblem {
    NameRequired,
    EmailInvalid,
}

impl TeamMember {
    /// A new active member; its own id is its owner, since nobody else is responsible for it.
    pub fn new(id: Id, now: &str, name: &str, email: &str) -> Result<Self, MemberProblem> {
        let mut member = TeamMember {
            meta: RecordMeta::new(id.clone(), now, id),
            name: String::new(),
            email: String::new(),
            active: true,
        };
        member.set_details(name, email)?;
        Ok(member)
    }

    /// Changes name and email; refuses a blank name or an email that does not look like one.
    pub fn set_details(&mut self, name: &str, email: &str) -> Result<(), MemberProblem> {
        let (name, email) = (name.trim(), email.trim());
        if name.is_empty() {
            return Err(MemberProblem::NameRequired);
        }
        if !email.is_empty() && !looks_like_email(email) {
            return Err(MemberProblem::EmailInvalid);
        }
        self.name = name.to_owned();
        self.email = email.to_owned();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_needs_a_name_and_a_real_email_if_any() {
        let now = "2026-01-01T00:00:00Z";
        assert_eq!(
            TeamMember::new("1".into(), now, "  ", "").err(),
            Some(MemberProblem::NameRequired)
        );
        assert_eq!(
            TeamMember::new("1".into(), now, "Li Wei", "li.wei").err(),
            Some(MemberProblem::EmailInvalid)
        );
        let member = TeamMember::new("1".into(), now, " Li Wei ", "").unwrap();
        assert_eq!(member.name, "Li Wei");
        assert!(member.active);
        assert_eq!(member.meta.owner, "1");
    }
}
