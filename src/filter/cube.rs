//! Cubes: sets of answer combinations that rules and analysis work with.
//!
//! The answer space of a filter is the product of its questions' options. A [`Cube`] holds,
//! for every question, the set of options it allows (a bit mask), so it stands for the
//! product of those sets: a rule's conditions are exactly one cube. Unions are kept as
//! lists of disjoint cubes, and [`Cube::subtract`] splits a cube around another, so
//! coverage and overlap are computed without visiting every combination.

/// A set of options of one question, one bit per option (a question has at most 64).
pub(crate) type Mask = u64;

/// The mask with the first `count` options set.
pub(crate) fn full_mask(count: usize) -> Mask {
    if count >= 64 {
        Mask::MAX
    } else {
        (1 << count) - 1
    }
}

/// A product of option sets, one per question, in question order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cube(Vec<Mask>);

impl Cube {
    /// The cube of the given masks.
    pub(crate) fn new(masks: Vec<Mask>) -> Self {
        Cube(masks)
    }

    /// The masks, one per question.
    pub(crate) fn masks(&self) -> &[Mask] {
        &self.0
    }

    /// Does the cube hold no combination (some question allows no option)?
    pub(crate) fn is_empty(&self) -> bool {
        self.0.iter().any(|&m| m == 0)
    }

    /// The combinations both cubes hold, or `None` if there are none.
    pub(crate) fn intersect(&self, other: &Cube) -> Option<Cube> {
        let masks: Vec<Mask> = self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect();
        let cube = Cube(masks);
        (!cube.is_empty()).then_some(cube)
    }

    /// The combinations of `self` that `other` does not hold, as disjoint cubes (at most
    /// one per question).
    pub(crate) fn subtract(&self, other: &Cube) -> Vec<Cube> {
        if self.intersect(other).is_none() {
            return vec![self.clone()];
        }
        let mut pieces = Vec::new();
        let mut rest = self.0.clone();
        for (i, &keep) in other.0.iter().enumerate() {
            let outside = rest[i] & !keep;
            if outside != 0 {
                let mut piece = rest.clone();
                piece[i] = outside;
                pieces.push(Cube(piece));
                rest[i] &= keep;
            }
        }
        pieces
    }

    /// How many combinations the cube holds, if that fits in a `u128`.
    pub(crate) fn size(&self) -> Option<u128> {
        self.0
            .iter()
            .try_fold(1u128, |n, m| n.checked_mul(u128::from(m.count_ones())))
    }

    /// One combination of the cube: the first allowed option of every question.
    pub(crate) fn example(&self) -> Vec<usize> {
        self.0.iter().map(|m| m.trailing_zeros() as usize).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contains(cube: &Cube, point: &[usize]) -> bool {
        cube.masks()
            .iter()
            .zip(point)
            .all(|(m, &o)| m & (1 << o) != 0)
    }

    #[test]
    fn subtraction_splits_into_disjoint_pieces() {
        // Three questions of three options.
        let all = Cube::new(vec![0b111; 3]);
        let hole = Cube::new(vec![0b001, 0b011, 0b111]);
        let pieces = all.subtract(&hole);
        assert_eq!(pieces.len(), 2);
        let total: u128 = pieces.iter().map(|p| p.size().unwrap()).sum();
        assert_eq!(total, 27 - 6);
        for a in 0..3 {
            for b in 0..3 {
                for c in 0..3 {
                    let point = [a, b, c];
                    let inside = pieces.iter().filter(|p| contains(p, &point)).count();
                    assert_eq!(inside, usize::from(!contains(&hole, &point)), "{point:?}");
                }
            }
        }
    }

    #[test]
    fn disjoint_cubes_are_left_whole() {
        let a = Cube::new(vec![0b01, 0b11]);
        let b = Cube::new(vec![0b10, 0b11]);
        assert_eq!(a.subtract(&b), vec![a.clone()]);
        assert!(a.intersect(&b).is_none());
    }

    #[test]
    fn sizes_and_examples() {
        let cube = Cube::new(vec![0b110, full_mask(4)]);
        assert_eq!(cube.size(), Some(8));
        assert_eq!(cube.example(), vec![1, 0]);
        assert_eq!(full_mask(64), u64::MAX);
        assert_eq!(Cube::new(vec![u64::MAX; 40]).size(), None);
    }
}
