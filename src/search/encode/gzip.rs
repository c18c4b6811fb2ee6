//! Gzip as flate2's `GzEncoder` writes it (the same bytes), with each thread's deflate
//! state reset for the next file instead of made anew: a new state zeroes a few
//! hundred KB, which was 7 % of the instructions of a 1,000-article build (callgrind),
//! with one state per fragment file.

use std::cell::RefCell;

use flate2::{Compress, Compression, Crc, FlushCompress, Status};

thread_local! {
    /// This thread's deflate state at the level it was made for.
    static DEFLATE: RefCell<Option<(u32, Compress)>> = const { RefCell::new(None) };
}

/// `parts`, one after the other, gzipped at `level`.
pub(super) fn gzip(parts: &[&[u8]], level: Compression) -> Vec<u8> {
    DEFLATE.with_borrow_mut(|state| {
        let deflate = match state {
            Some((made_for, deflate)) if *made_for == level.level() => {
                deflate.reset();
                deflate
            }
            _ => &mut state.insert((level.level(), Compress::new(level, false))).1,
        };
        gzip_with(deflate, parts, level)
    })
}

/// [`gzip`] with `deflate`, a new or reset state at `level`.
fn gzip_with(deflate: &mut Compress, parts: &[&[u8]], level: Compression) -> Vec<u8> {
    let size: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(size / 3 + 64);
    // flate2's header: no flags, no time, the level hint, an unknown system.
    let hint = if level.level() >= Compression::best().level() {
        2
    } else if level.level() <= Compression::fast().level() {
        4
    } else {
        0
    };
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, hint, 255]);
    // As flate2 does: the input written, then the stream finished on its own.
    let mut crc = Crc::new();
    for part in parts {
        crc.update(part);
        deflate_all(deflate, part, FlushCompress::None, &mut out);
    }
    deflate_all(deflate, &[], FlushCompress::Finish, &mut out);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&crc.amount().to_le_bytes());
    out
}

/// Deflates all of `input` into `out`, to the end of the stream if `flush` finishes it.
fn deflate_all(deflate: &mut Compress, mut input: &[u8], flush: FlushCompress, out: &mut Vec<u8>) {
    loop {
        if out.capacity() - out.len() < 4096 {
            out.reserve(out.capacity().max(4096));
        }
        let before = deflate.total_in();
        let status = deflate.compress_vec(input, out, flush);
        let read = (deflate.total_in() - before) as usize;
        input = &input[read.min(input.len())..];
        match status {
            Ok(Status::StreamEnd) => return,
            Ok(_) if input.is_empty() && flush == FlushCompress::None => return,
            Ok(_) => {}
            // Deflating into memory does not fail; a state that did is left behind.
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn flate2s(parts: &[&[u8]], level: Compression) -> Vec<u8> {
        let mut gz = GzEncoder::new(Vec::new(), level);
        for part in parts {
            gz.write_all(part).unwrap();
        }
        gz.finish().unwrap()
    }

    #[test]
    fn the_bytes_are_flate2s_file_after_file() {
        let long = "words and more words, a page of them; ".repeat(5_000);
        let files: [&[&[u8]]; 3] = [
            &[b"pagefind_dcd", b"{\"url\":\"/a/\"}"],
            &[b"pagefind_dcd", long.as_bytes()],
            &[b"pagefind_dcd", b""],
        ];
        for level in [
            Compression::new(2),
            Compression::best(),
            Compression::fast(),
        ] {
            for parts in files {
                assert_eq!(gzip(parts, level), flate2s(parts, level));
            }
        }
    }
}
