//! Request heads: parsing the bytes received so far into a complete head, a partial one,
//! or a status to refuse it with. Limits: a request line longer than [`MAX_REQUEST_LINE`]
//! gets 414, a head longer than [`MAX_HEAD`] (or with more than [`MAX_HEADERS`] fields)
//! 431. The preview reads no bodies: a request with one cannot be followed by another on
//! the same connection, and doubtful body lengths, where servers and proxies may disagree
//! on where the next request starts, get 400.

/// The longest request line answered: browsers' and tools' URLs stay far below it.
pub const MAX_REQUEST_LINE: usize = 16 * 1024;
/// The longest head (request line and header fields) answered.
pub const MAX_HEAD: usize = 64 * 1024;
/// The most header fields in one request.
pub const MAX_HEADERS: usize = 100;

/// A complete request head, as far as the preview needs it.
pub struct Request {
    /// `GET`, `HEAD`, …
    pub method: String,
    /// The request target as sent.
    pub target: String,
    /// Whether the connection may carry another request after this one.
    pub keep_alive: bool,
}

/// What a buffer holds so far.
pub enum Head {
    /// Not complete yet.
    Partial,
    /// A head of this many bytes.
    Complete(Request, usize),
    /// To be answered with this status and closed.
    Reject(u16),
}

/// Decides what the bytes received so far are.
pub fn parse(buf: &[u8]) -> Head {
    let line = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
    if line > MAX_REQUEST_LINE {
        return Head::Reject(414);
    }
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut headers);
    let len = match request.parse(buf) {
        Ok(httparse::Status::Complete(len)) if len <= MAX_HEAD => len,
        Ok(httparse::Status::Complete(_)) | Err(httparse::Error::TooManyHeaders) => {
            return Head::Reject(431);
        }
        Ok(httparse::Status::Partial) if buf.len() > MAX_HEAD => return Head::Reject(431),
        Ok(httparse::Status::Partial) => return Head::Partial,
        Err(_) => return Head::Reject(400),
    };
    let (Some(method), Some(target), Some(version)) =
        (request.method, request.path, request.version)
    else {
        return Head::Partial;
    };
    let field = |name: &str| {
        request
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let count = |name: &str| {
        let named = request.headers.iter();
        named.filter(|h| h.name.eq_ignore_ascii_case(name)).count()
    };
    let lengths = count("content-length");
    let chunked = count("transfer-encoding") > 0;
    // Two lengths, or a length and chunks: where the body ends is in doubt, and servers
    // and proxies that guess differently let one request hide in another.
    if lengths > 1 || (lengths == 1 && chunked) {
        return Head::Reject(400);
    }
    let body = match field("content-length") {
        None => chunked,
        Some(n) if n.bytes().all(|b| b.is_ascii_digit()) => match n.parse::<u64>() {
            Ok(n) => n > 0,
            Err(_) => return Head::Reject(400),
        },
        Some(_) => return Head::Reject(400),
    };
    // A body is never read, so the connection cannot carry a next request: it is
    // answered and closed, and whatever follows the head is dropped unread.
    let close = field("connection").is_some_and(|c| c.split(',').any(|t| t.trim() == "close"));
    let keep_alive = version == 1 && !close && !body;
    Head::Complete(
        Request {
            method: method.to_string(),
            target: target.to_string(),
            keep_alive,
        },
        len,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(buf: &[u8]) -> Option<u16> {
        match parse(buf) {
            Head::Reject(s) => Some(s),
            _ => None,
        }
    }

    #[test]
    fn heads_are_complete_partial_or_refused() {
        let get = b"GET /a?b HTTP/1.1\r\nHost: x\r\n\r\nGET";
        match parse(get) {
            Head::Complete(r, len) => {
                assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/a?b"));
                assert!(r.keep_alive);
                assert_eq!(&get[len..], b"GET");
            }
            _ => panic!("complete"),
        }
        assert!(matches!(parse(b"GET /a HTTP/1.1\r\nHo"), Head::Partial));
        let close = b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n";
        assert!(matches!(parse(close), Head::Complete(r, _) if !r.keep_alive));
        let body = b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nx=1";
        assert!(matches!(parse(body), Head::Complete(r, _) if !r.keep_alive));
        assert_eq!(
            status(b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
            Some(400)
        );
        assert_eq!(status(b"\x01\x02 nonsense\r\n\r\n"), Some(400));
    }

    #[test]
    fn doubtful_body_lengths_get_400_and_bodies_close_the_connection() {
        for doubtful in [
            &b"POST / HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 50\r\n\r\n"[..],
            b"POST / HTTP/1.1\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n",
        ] {
            assert_eq!(
                status(doubtful),
                Some(400),
                "{:?}",
                String::from_utf8_lossy(doubtful)
            );
        }
        for with_body in [
            &b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"[..],
            b"GET / HTTP/1.1\r\nContent-Length: 2\r\n\r\nab",
        ] {
            assert!(matches!(parse(with_body), Head::Complete(r, _) if !r.keep_alive));
        }
        let empty = b"GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n";
        assert!(matches!(parse(empty), Head::Complete(r, _) if r.keep_alive));
    }

    #[test]
    fn long_request_lines_get_414_and_long_heads_431() {
        let mut line = b"GET /".to_vec();
        line.resize(MAX_REQUEST_LINE + 1, b'a');
        assert_eq!(status(&line), Some(414), "even before the line ends");
        let mut head = b"GET / HTTP/1.1\r\n".to_vec();
        while head.len() <= MAX_HEAD {
            head.extend_from_slice(b"X-Fill: 0123456789012345678901234567890123456789\r\n");
        }
        assert_eq!(status(&head), Some(431));
        let mut many = b"GET / HTTP/1.1\r\n".to_vec();
        for i in 0..=MAX_HEADERS {
            many.extend_from_slice(format!("X-{i}: 1\r\n").as_bytes());
        }
        many.extend_from_slice(b"\r\n");
        assert_eq!(status(&many), Some(431));
    }
}
