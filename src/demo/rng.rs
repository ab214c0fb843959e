//! A small seeded random source of our own (SplitMix64): the same seed gives the same demo data
//! on every machine and every build, which a library's generator does not promise across versions.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; zero when `n` is zero.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// A number in `low..=high`; `low` when the range is empty.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        low + self.below((high - low + 1) as u64) as i64
    }

    pub fn percent(&mut self, chance: u64) -> bool {
        self.below(100) < chance
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// The index of one of `weights`, each as likely as its weight.
    pub fn weighted(&mut self, weights: &[u64]) -> usize {
        self.weighted_by(weights.len(), |at| weights[at])
    }

    /// An index below `len`, each as likely as `weight` says.
    pub fn weighted_by(&mut self, len: usize, weight: impl Fn(usize) -> u64) -> usize {
        let mut x = self.below((0..len).map(&weight).sum());
        for at in 0..len {
            let w = weight(at);
            if x < w {
                return at;
            }
            x -= w;
        }
        0
    }
}

/// Picks among many items by weight in logarithmic time: customers by size, owners by share.
pub struct Picker(Vec<u64>);

impl Picker {
    pub fn new(weights: impl IntoIterator<Item = u64>) -> Self {
        let mut total = 0;
        Picker(
            weights
                .into_iter()
                .map(|w| {
                    total += w;
                    total
                })
                .collect(),
        )
    }

    pub fn pick(&self, rng: &mut Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(0);
        let x = rng.below(total);
        self.0.partition_point(|c| *c <= x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_numbers_within_range() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..1000 {
            let x = a.between(-3, 3);
            assert_eq!(x, b.between(-3, 3));
            assert!((-3..=3).contains(&x));
        }
        assert_eq!(a.below(0), 0);
    }

    #[test]
    fn a_picker_never_picks_a_zero_weight() {
        let picker = Picker::new([0, 5, 0, 1]);
        let mut rng = Rng::new(1);
        let mut seen = [0; 4];
        for _ in 0..600 {
            seen[picker.pick(&mut rng)] += 1;
        }
        assert_eq!((seen[0], seen[2]), (0, 0));
        assert!(seen[1] > seen[3] * 3);
    }
}
