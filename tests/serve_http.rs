//! `lernort serve` over raw HTTP/1.1: pages, folders, status codes and HEAD; no request
//! path or symbolic link reaches a file outside the output; taken ports and bind addresses;
//! and `build` output never carries the live reload script. Every wait is bounded; a
//! failure says what was awaited and shows the server's output.

mod common;

use common::http::WAIT;
use common::preview::{
    KNOTENPUNKTE, LIVE, OVERLAY, POLL, Preview, SECRET, Sandbox, Server, lernort, tree,
};
use std::net::TcpListener;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

// --- Serving -----------------------------------------------------------------------------

#[test]
fn serves_pages_redirects_folders_and_answers_errors() {
    let p = Preview::start("basic");

    let r = p.get("/projekte/knotenpunkte/");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("Cache-Control"), Some("no-store"));
    let html = r.text();
    assert!(
        html.contains("<title>Knotenpunkte für Grundbildung – KBM Test</title>"),
        "{html}"
    );
    assert!(html.contains("Das Projektteam entwickelt"), "{html}");
    let script = html.find(LIVE).expect("live script injected");
    let body_end = html.rfind("</body>").expect("</body>");
    assert!(
        script < body_end,
        "the live script goes before </body>:\n{html}"
    );
    assert!(html.contains("/__lernort/events"), "{html}");
    assert!(
        !html.contains(OVERLAY),
        "no overlay without an error:\n{html}"
    );

    // The home page and a folder's index.html.
    assert!(p.page("/").contains("<h1>Startseite</h1>"));
    assert!(p.page("/projekte/index.html").contains("<h1>Projekte</h1>"));
    assert!(
        p.page("/projekte/?ansicht=liste")
            .contains("<h1>Projekte</h1>")
    );

    let r = p.get("/projekte");
    assert_eq!(r.status, 301, "{}", r.text());
    assert_eq!(r.header("Location"), Some("/projekte/"));

    let r = p.get("/gibt-es-nicht/");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(
        r.text().contains("Seite nicht gefunden"),
        "the site's 404 page:\n{}",
        r.text()
    );
    assert!(r.text().contains(LIVE), "{}", r.text());
    assert_eq!(p.get("/projekte/gibt-es-nicht.pdf").status, 404);

    let r = p.server.request("POST", "/projekte/knotenpunkte/");
    assert_eq!(r.status, 405, "{}", r.text());
    assert!(
        r.header("Allow")
            .is_some_and(|a| a.contains("GET") && a.contains("HEAD")),
        "405 names the allowed methods: {:?}",
        r.headers
    );
    let r = p.server.request("DELETE", "/");
    assert_eq!(r.status, 405);

    let r = p.server.request("HEAD", "/projekte/knotenpunkte/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(r.body.is_empty(), "HEAD has no body: {:?}", r.text());

    let css = p.sandbox.read("themes/test/assets/css/test.css");
    for target in ["/css/test.css", "/css/test.css?h=123"] {
        let r = p.get(target);
        assert_eq!(r.status, 200, "{target}");
        assert_eq!(
            r.header("Content-Type"),
            Some("text/css; charset=utf-8"),
            "{target}"
        );
        assert_eq!(r.text(), css, "{target}");
        assert!(!r.text().contains(LIVE));
    }
}

/// HEAD answers with GET's status and headers but no body; a `Content-Length`, if
/// sent, must be the GET body's length (RFC 9110, section 8.6).
#[test]
fn head_answers_like_get_without_a_body() {
    let p = Preview::start("basic");
    for target in [
        "/",
        "/projekte/knotenpunkte/",
        "/css/test.css",
        "/gibt-es-nicht/",
    ] {
        let get = p.get(target);
        let head = p.server.request("HEAD", target);
        assert_eq!(head.status, get.status, "{target}");
        assert_eq!(
            head.header("Content-Type"),
            get.header("Content-Type"),
            "{target}"
        );
        assert!(head.body.is_empty(), "{target}: HEAD has no body");
        if let Some(len) = head.header("Content-Length") {
            assert_eq!(
                len,
                get.body.len().to_string(),
                "{target}: HEAD's Content-Length must equal the GET body's length"
            );
        }
    }
}
// --- Paths that try to leave the site ------------------------------------------------------

#[cfg(unix)] // symbolic links
#[test]
fn paths_outside_the_output_are_never_served() {
    let sandbox = Sandbox::new("basic");
    let outside_txt = sandbox.outer().join("secret.txt");
    let outside_md = sandbox.outer().join("secret.md");
    std::fs::write(&outside_txt, format!("{SECRET}\n")).expect("write secret");
    std::fs::write(&outside_md, format!("---\ntitle: Geheim\n---\n{SECRET}\n"))
        .expect("write secret page");
    std::fs::create_dir_all(sandbox.path("assets")).expect("assets dir");
    let mut p = Preview::start_in(sandbox);

    let refused = |p: &Preview, target: &str| {
        let r = p.get(target);
        let body = r.text();
        assert!(
            r.status == 400 || r.status == 404,
            "{target}: expected 400 or 404, got {}:\n{body}",
            r.status
        );
        assert!(
            !body.contains(SECRET),
            "{target} leaked the secret:\n{body}"
        );
        assert!(
            !body.contains("base_url:"),
            "{target} leaked site.yaml:\n{body}"
        );
    };
    for target in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/..%2fsite.yaml",
        "/%252e%252e/site.yaml",
        "/%252e%252e%252fsite.yaml",
        "/..\\site.yaml",
        "/static/..%5c..%5csite.yaml",
        "/%5c..%5csite.yaml",
        "/projekte/../../site.yaml",
        "/css/../../site.yaml",
        "/./site.yaml",
        "/site.yaml",
        "/site.yaml%00.html",
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/%2e%2e/secret.txt",
        "/..%2f..%2fsecret.txt",
        "/content/projekte/knotenpunkte.md",
        "/themes/test/templates/page.html",
    ] {
        refused(&p, target);
    }

    // Symbolic links inside the site pointing at files outside it.
    let link = |target: &Path, rel: &str| {
        std::os::unix::fs::symlink(target, p.sandbox.path(rel)).expect("symlink");
    };
    link(&outside_txt, "content/projekte/geheim.txt");
    link(&outside_md, "content/projekte/geheim.md");
    link(&outside_txt, "assets/geheim.txt");
    link(&outside_txt, "content/geheim.txt");
    // Some rebuild has to report the links before the answers mean anything.
    let event = p.events.next("a rebuild after adding symbolic links");
    assert!(event.retry.is_none(), "{event:?}");
    // Make sure the rebuild saw all four: one more unchanged write, one more event.
    let config = p.sandbox.read("site.yaml");
    p.sandbox.write("site.yaml", &config);
    p.events.next("a rebuild after rewriting site.yaml");
    for target in [
        "/projekte/geheim.txt",
        "/projekte/geheim/",
        "/projekte/geheim",
        "/geheim.txt",
        "/geheim.txt?download=1",
        "/projekte/../geheim.txt",
    ] {
        refused(&p, target);
    }
    for target in ["/", "/projekte/"] {
        let html = p.get(target).text();
        assert!(
            !html.contains(SECRET),
            "{target} leaked the secret:\n{html}"
        );
    }
    p.server.assert_running();
}

/// A file that was copied by the last good build and is then replaced by a link to a
/// file outside the site: the rebuild refuses the link, and the preview must not follow
/// it while it keeps showing the last good version.
#[cfg(unix)] // symbolic links
#[test]
fn a_copied_file_replaced_by_a_link_outside_the_site_is_not_served() {
    let sandbox = Sandbox::new("basic");
    let outside = sandbox.outer().join("secret.txt");
    std::fs::write(&outside, format!("{SECRET}\n")).expect("write secret");
    sandbox.write("content/projekte/plan.txt", "Projektplan 2026\n");
    let p = Preview::start_in(sandbox);
    let r = p.get("/projekte/plan.txt");
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "Projektplan 2026\n");

    let plan = p.sandbox.path("content/projekte/plan.txt");
    let link = p.sandbox.path("content/projekte/.plan.txt.link");
    std::os::unix::fs::symlink(&outside, &link).expect("symlink");
    std::fs::rename(&link, &plan).expect("replace the file by the link");
    let event = p.change("replacing plan.txt by a link outside the site");
    assert!(
        event.is_error(),
        "a link outside the site is refused: {event:?}"
    );

    let r = p.get("/projekte/plan.txt");
    let body = r.text();
    assert!(
        !body.contains(SECRET),
        "GET /projekte/plan.txt ({}) served the file outside the site:\n{body}",
        r.status
    );
}

// --- `build` never carries the live script ---------------------------------------------------

#[test]
fn build_output_never_contains_the_live_script() {
    let sandbox = Sandbox::new("basic");
    {
        // The preview builds in memory only: no public/ appears.
        let p = Preview::start_in(sandbox);
        assert!(p.page("/").contains(LIVE));
        let text = p.sandbox.read(KNOTENPUNKTE);
        p.sandbox
            .write(KNOTENPUNKTE, &format!("{text}\nNoch ein Satz.\n"));
        p.reload("editing a page");
        assert!(
            !p.sandbox.path("public").exists(),
            "serve must not write public/"
        );
        let Preview {
            events,
            server,
            sandbox,
            ..
        } = p;
        drop(events);
        drop(server);
        // The server is gone now; build the same (edited) sources.
        let out = sandbox.run(&["build"]);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let files = tree(&sandbox.path("public"));
        let html: Vec<_> = files
            .iter()
            .filter(|(rel, _)| rel.ends_with(".html"))
            .collect();
        assert!(html.len() >= 5, "expected the site's pages, got {files:?}");
        for (rel, bytes) in files {
            let text = String::from_utf8_lossy(&bytes);
            for needle in ["data-lernort-live", "__lernort", OVERLAY, "EventSource"] {
                assert!(
                    !text.contains(needle),
                    "public/{rel} contains {needle}:\n{text}"
                );
            }
        }
    }
}

// --- Ports and addresses ---------------------------------------------------------------------

#[test]
fn an_explicit_port_that_is_taken_is_an_error() {
    let sandbox = Sandbox::new("basic");
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let port = taken.local_addr().expect("addr").port().to_string();
    let mut child = lernort()
        .arg("--root")
        .arg(sandbox.site())
        .args(["serve", "--port", &port])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lernort starts");
    let deadline = Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("lernort serve --port {port} kept running although the port is taken");
        }
        std::thread::sleep(POLL);
    };
    let out = child.wait_with_output().expect("output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        status.code(),
        Some(2),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    assert!(
        stderr.contains(&port) && stderr.to_lowercase().contains("listen"),
        "the message names the port and the problem:\n{stderr}"
    );
    assert!(!stdout.contains("Serving"), "{stdout}");
    drop(taken);
}

#[test]
fn binding_to_all_addresses_warns() {
    let sandbox = Sandbox::new("basic");
    let server = Server::start(&sandbox.site(), &["--port", "0", "--bind", "0.0.0.0"]);
    server.wait_for("a warning on stderr", || {
        server.stderr().to_lowercase().contains("warning")
    });
    let stderr = server.stderr();
    assert!(
        stderr.contains("0.0.0.0"),
        "the warning names the address:\n{stderr}"
    );
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    assert!(server.page("/").contains("<h1>Startseite</h1>"));
}

#[test]
fn localhost_does_not_warn() {
    let sandbox = Sandbox::new("basic");
    let server = Server::start(&sandbox.site(), &["--port", "0"]);
    assert!(server.page("/").contains("<h1>Startseite</h1>"));
    // The warning would come before the `Serving` line; stdout is flushed by then.
    let stderr = server.stderr();
    assert!(!stderr.to_lowercase().contains("warning"), "{stderr}");
}

// --- Same files as `build`, and redirects ----------------------------------------------------

/// An asset linked from outside the site and a content file linked from elsewhere in
/// the site are published by `build`; the preview serves the same bytes.
#[cfg(unix)] // symbolic links
#[test]
fn linked_assets_and_content_files_are_served_as_build_copies_them() {
    let sandbox = Sandbox::new("basic");
    let shared = sandbox.outer().join("shared");
    std::fs::create_dir_all(&shared).expect("shared dir");
    std::fs::write(shared.join("ci.css"), "body { color: #123456; }\n").expect("ci.css");
    std::fs::create_dir_all(sandbox.path("assets")).expect("assets dir");
    std::os::unix::fs::symlink(shared.join("ci.css"), sandbox.path("assets/ci.css"))
        .expect("link the asset");
    std::fs::create_dir_all(sandbox.path("vorlagen")).expect("vorlagen dir");
    std::fs::write(sandbox.path("vorlagen/plan.txt"), "Projektplan 2026\n").expect("plan");
    std::os::unix::fs::symlink(
        "../../vorlagen/plan.txt",
        sandbox.path("content/projekte/plan.txt"),
    )
    .expect("link the content file");
    let p = Preview::start_in(sandbox);

    let files = p.clean_build().expect("the site builds");
    let published = |rel: &str| files.iter().find(|(r, _)| r == rel).map(|(_, b)| b.clone());
    assert_eq!(
        published("ci.css").as_deref(),
        Some(&b"body { color: #123456; }\n"[..])
    );
    assert_eq!(
        published("projekte/plan.txt").as_deref(),
        Some(&b"Projektplan 2026\n"[..])
    );
    let r = p.get("/ci.css");
    assert_eq!(
        (r.status, r.text().as_str()),
        (200, "body { color: #123456; }\n")
    );
    let r = p.get("/projekte/plan.txt");
    assert_eq!((r.status, r.text().as_str()), (200, "Projektplan 2026\n"));
    assert_eq!(p.differences(&files), Vec::<String>::new());
}

#[test]
fn the_folder_redirect_keeps_the_query() {
    let p = Preview::start("basic");
    let r = p.get("/projekte?ansicht=liste&seite=2");
    assert_eq!(r.status, 301, "{}", r.text());
    assert_eq!(
        r.header("Location"),
        Some("/projekte/?ansicht=liste&seite=2")
    );
    let r = p.get("/projekte?");
    assert_eq!(r.header("Location"), Some("/projekte/?"));
    let r = p.get("/projekte#teil");
    assert_eq!(r.header("Location"), Some("/projekte/"));
}
