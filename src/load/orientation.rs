//! The EXIF orientation of a JPEG: how a camera held on its side says its pixels must
//! be turned to be seen upright. Browsers turn the original; pillar turns its variants
//! and swaps the width and height it writes on the page.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use image::metadata::Orientation;

/// The most header bytes read looking for the EXIF segment (it comes first, and a
/// segment holds at most 64 KiB).
const MAX_HEADER: u64 = 256 * 1024;

/// The orientation the JPEG at `path` gives in its EXIF, if it gives one. Reads the
/// header's segments only, never the picture.
pub(super) fn jpeg_orientation(path: &Path) -> Option<Orientation> {
    let file = File::open(path).ok()?;
    let mut bytes = Vec::new();
    BufReader::new(file)
        .take(MAX_HEADER)
        .read_to_end(&mut bytes)
        .ok()?;
    orientation_in(&bytes)
}

/// The EXIF orientation in the start of a JPEG file, `bytes`.
pub(crate) fn orientation_in(bytes: &[u8]) -> Option<Orientation> {
    let mut at = bytes.strip_prefix(&[0xFF, 0xD8])?;
    loop {
        let [0xFF, marker, high, low, rest @ ..] = at else {
            return None;
        };
        // Start of scan or end of image: the header is over.
        if matches!(marker, 0xDA | 0xD9) {
            return None;
        }
        let length = usize::from(u16::from_be_bytes([*high, *low])).checked_sub(2)?;
        let payload = rest.get(..length)?;
        if *marker == 0xE1
            && let Some(exif) = payload.strip_prefix(b"Exif\0\0")
        {
            return Orientation::from_exif_chunk(exif);
        }
        at = &rest[length..];
    }
}

/// Does `orientation` turn the picture a quarter, so that its width is its height?
pub(super) fn turns_sideways(orientation: Orientation) -> bool {
    matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG header with an APP1 EXIF segment (big-endian TIFF, one IFD entry:
    /// orientation = `value`), then the start of a scan.
    fn header(value: u8) -> Vec<u8> {
        let tiff: Vec<u8> = [
            b"MM\0\x2A\0\0\0\x08".as_slice(),
            &[0, 1],                                         // one entry
            &[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, value, 0, 0], // orientation, SHORT, 1
            &[0, 0, 0, 0],                                   // no next IFD
        ]
        .concat();
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(&tiff);
        let length = u16::try_from(app1.len() + 2).unwrap().to_be_bytes();
        [
            &[0xFF, 0xD8][..],
            &[0xFF, 0xE0, 0, 4, 0, 0], // an APP0 segment to skip
            &[0xFF, 0xE1],
            &length,
            &app1,
            &[0xFF, 0xDA, 0, 2],
        ]
        .concat()
    }

    #[test]
    fn the_orientation_is_read_from_the_exif_segment() {
        assert_eq!(orientation_in(&header(6)), Some(Orientation::Rotate90));
        assert_eq!(orientation_in(&header(1)), Some(Orientation::NoTransforms));
        assert!(turns_sideways(Orientation::Rotate90));
        assert!(!turns_sideways(Orientation::Rotate180));
    }

    #[test]
    fn a_file_without_exif_or_cut_short_has_none() {
        assert_eq!(orientation_in(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2]), None);
        assert_eq!(orientation_in(b"not a jpeg"), None);
        let whole = header(6);
        for end in 0..whole.len() - 4 {
            assert_eq!(orientation_in(&whole[..end]), None, "cut at {end}");
        }
    }
}
