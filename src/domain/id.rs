//! Record ids are UUIDv7 strings: time-ordered, so lists sort naturally by creation, and random
//! enough that records made on two devices never collide when their data is merged.

/// Builds a UUIDv7 (RFC 9562) from a Unix time in milliseconds and 10 random bytes.
/// The caller supplies the randomness so that this stays pure and testable.
pub fn uuid_v7(unix_ms: u64, random: [u8; 10]) -> String {
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&unix_ms.to_be_bytes()[2..]);
    bytes[6..].copy_from_slice(&random);
    bytes[6] = 0x70 | (bytes[6] & 0x0f);
    bytes[8] = 0x80 | (bytes[8] & 0x3f);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_version_and_variant_bits() {
        let id = uuid_v7(0x0190_0000_0001, [0xff; 10]);
        assert_eq!(id, "01900000-0001-7fff-bfff-ffffffffffff");
    }

    #[test]
    fn later_times_sort_after_earlier_ones() {
        let a = uuid_v7(1_700_000_000_000, [0xff; 10]);
        let b = uuid_v7(1_700_000_000_001, [0x00; 10]);
        assert!(a < b);
    }
}
