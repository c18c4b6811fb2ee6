//! The few CBOR items the word index is made of, written straight into a buffer: the
//! same bytes minicbor writes for them (shortest heads, definite lengths), without an
//! encoder's error path and trait calls for each of a chunk's million integers.

/// The major type of an unsigned integer.
const UNSIGNED: u8 = 0;
/// The major type of a negative integer, `-1 - n`.
const NEGATIVE: u8 = 1;
/// The major type of a text string.
const TEXT: u8 = 3;
/// The major type of an array.
const ARRAY: u8 = 4;

/// Writes the head of an item of `major` type with argument `n`, in the fewest bytes.
fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    let major = major << 5;
    match n {
        0..=0x17 => out.push(major | n as u8),
        0x18..=0xff => out.extend_from_slice(&[major | 24, n as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend_from_slice(&n.to_be_bytes());
        }
    }
}

/// Writes the unsigned integer `n`.
pub(super) fn unsigned(out: &mut Vec<u8>, n: u64) {
    head(out, UNSIGNED, n);
}

/// Writes the integer `n`.
pub(super) fn int(out: &mut Vec<u8>, n: i32) {
    match u64::try_from(n) {
        Ok(n) => head(out, UNSIGNED, n),
        Err(_) => head(out, NEGATIVE, (-1 - i64::from(n)) as u64),
    }
}

/// Writes the head of an array of `len` items (the items follow).
pub(super) fn array(out: &mut Vec<u8>, len: usize) {
    head(out, ARRAY, len as u64);
}

/// Writes the text string `text`.
pub(super) fn text(out: &mut Vec<u8>, text: &str) {
    head(out, TEXT, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// Writes the array of the integers `ints`.
pub(super) fn ints(out: &mut Vec<u8>, ints: &[i32]) {
    array(out, ints.len());
    for &n in ints {
        int(out, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_written_as_minicbor_writes_them() {
        let numbers = [0, 1, 23, 24, 255, 256, 65_535, 65_536, i32::MAX];
        let negatives = numbers.map(|n| -n - 1);
        let mut ours = Vec::new();
        let mut theirs = minicbor::Encoder::new(Vec::new());
        for n in numbers {
            unsigned(&mut ours, n as u64);
            theirs.u64(n as u64).unwrap();
        }
        unsigned(&mut ours, u64::MAX);
        theirs.u64(u64::MAX).unwrap();
        for n in numbers.iter().chain(&negatives) {
            int(&mut ours, *n);
            theirs.i32(*n).unwrap();
        }
        ints(&mut ours, &negatives);
        theirs.encode(negatives.to_vec()).unwrap();
        for s in ["", "word", &"long ".repeat(60)] {
            text(&mut ours, s);
            theirs.str(s).unwrap();
        }
        assert_eq!(ours, theirs.into_writer());
    }
}
