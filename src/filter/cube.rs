//! Cubes: sets of answer combinations that rules and analysis work with.
//!
//! The answer space of a filter is the product of its questions' options. A [`Cube`] holds,
//! for every question, the set of options it allows (a bit mask), so it stands for the
//! product of those sets: a rule's conditions are exactly one cube, and the analysis
//! splits cubes rather than visiting every combination.

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
        self.0.contains(&0)
    }

    /// The combinations both cubes hold, or `None` if there are none.
    pub(crate) fn intersect(&self, other: &Cube) -> Option<Cube> {
        let masks: Vec<Mask> = self.0.iter().zip(&other.0).map(|(a, b)| a & b).collect();
        let cube = Cube(masks);
        (!cube.is_empty()).then_some(cube)
    }

    /// Do the cubes share a combination?
    pub(crate) fn meets(&self, other: &Cube) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & b != 0)
    }

    /// Does this cube hold every combination of `other`?
    pub(crate) fn holds(&self, other: &Cube) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| b & !a == 0)
    }

    /// The cube with question `question` restricted to the options of `mask`.
    pub(crate) fn with(&self, question: usize, mask: Mask) -> Cube {
        let mut masks = self.0.clone();
        masks[question] = mask;
        Cube(masks)
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

    #[test]
    fn intersection_containment_and_restriction() {
        let a = Cube::new(vec![0b011, 0b111]);
        let b = Cube::new(vec![0b110, 0b001]);
        assert_eq!(a.intersect(&b), Some(Cube::new(vec![0b010, 0b001])));
        assert!(a.intersect(&Cube::new(vec![0b100, 0b111])).is_none());
        assert_eq!(a.with(1, 0b010), Cube::new(vec![0b011, 0b010]));
        assert!(a.meets(&b) && !a.meets(&Cube::new(vec![0b100, 0b111])));
        assert!(a.holds(&a.with(1, 0b010)) && !a.holds(&b));
    }

    #[test]
    fn sizes_and_examples() {
        let cube = Cube::new(vec![0b110, full_mask(4)]);
        assert_eq!(cube.size(), Some(8));
        assert_eq!(cube.example(), vec![1, 0]);
        assert_eq!(full_mask(64), u64::MAX);
        assert_eq!(Cube::new(vec![u64::MAX; 40]).size(), None);
        assert!(Cube::new(vec![0b1, 0]).is_empty());
    }
}
