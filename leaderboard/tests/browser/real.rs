//! The browser test itself (built with `--features browser-test`): see `../browser.rs`.

use super::common::*;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn find(names: &[&str]) -> Option<PathBuf> {
    for n in names {
        if n.contains('/') {
            if Path::new(n).is_file() {
                return Some(PathBuf::from(n));
            }
            continue;
        }
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            let p = dir.join(n);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// chromedriver, stopped when dropped.
struct Driver(Child);
impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A chromium-specific WebDriver command: `POST /session/{id}/<path>` with a JSON body
/// (`se/log` for the console and network logs, `goog/cdp/execute` for DevTools commands).
#[derive(Debug)]
struct Post(&'static str, Value);
impl WebDriverCompatibleCommand for Post {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/{}", session.unwrap_or_default(), self.0))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.1.to_string()))
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target")).join("leaderboard")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn the_page_in_a_real_browser() {
    let required = std::env::var_os("NDLAB_REQUIRE_BROWSER").is_some();
    let (Some(chromedriver), Some(chromium)) =
        (find(&["chromedriver", "/usr/lib/chromium/chromedriver"]), find(&["chromium", "chromium-browser", "google-chrome"]))
    else {
        assert!(!required, "NDLAB_REQUIRE_BROWSER is set but chromium or chromedriver is missing (apt-get install chromium chromium-driver)");
        // Straight to stderr: libtest captures `println!` of a passing test.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"skipped the leaderboard's browser test: it needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver)\n",
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = target_dir();
    let results = dir.path().join("results");
    std::fs::create_dir_all(&results).unwrap();
    class(&results);
    let page_dir = dir.path().join("board");
    ndlab_leaderboard::build(&options(vec![results], page_dir.clone(), &course_version)).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    // Kept beside the screenshots, for a look by hand.
    std::fs::copy(page_dir.join("leaderboard.html"), out.join("leaderboard.html")).unwrap();

    let port = free_port();
    let driver = Driver(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let client = connect(port, &chromium, dir.path()).await;
        let r = drive(&client, &page_dir.join("leaderboard.html"), &out).await;
        let _ = client.close().await;
        r
    });
    drop(driver);
    println!("screenshots in {}", out.display());
}

async fn connect(port: u16, chromium: &Path, tmp: &Path) -> Client {
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            // Headless, and none of chromium's own traffic (updates, sync, metrics): the network
            // log then holds only what the page asked for.
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                     "--disable-default-apps", "--window-size=1280,1000", format!("--user-data-dir={}", tmp.join("profile").display())]
        },
        "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"}
    });
    let caps: serde_json::Map<String, Value> = serde_json::from_value(caps).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return c,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a browser session through chromedriver: {e}"),
        }
    }
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// The speed column's sort keys in the order the rows are shown.
async fn speed_keys(c: &Client) -> Vec<f64> {
    let v = js(c, "return Array.from(document.querySelectorAll('#board tbody tr')).map(r => Number(r.cells[r.cells.length - 1].dataset.v));").await;
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

async fn drive(c: &Client, page: &Path, out: &Path) {
    let url = url::Url::from_file_path(page).unwrap();
    // Reading a log empties it: what the browser's own start-up page loaded is set aside.
    c.goto("about:blank").await.unwrap();
    c.issue_cmd(Post("se/log", json!({"type": "performance"}))).await.expect("the performance log");
    c.issue_cmd(Post("se/log", json!({"type": "browser"}))).await.expect("the browser log");
    c.goto(url.as_str()).await.unwrap();
    c.wait().for_element(Locator::Css("#board tbody tr")).await.unwrap();

    // 1. No console errors (script errors, CSP violations, failed loads).
    let logs = c.issue_cmd(Post("se/log", json!({"type": "browser"}))).await.expect("the browser log");
    let errors: Vec<&Value> = logs.as_array().unwrap().iter().filter(|e| e["level"] == "SEVERE").collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");

    // 2. No network request: the network log has the page's own file and nothing else.
    let perf = c.issue_cmd(Post("se/log", json!({"type": "performance"}))).await.expect("the performance log");
    let mut requested = Vec::new();
    for e in perf.as_array().unwrap() {
        let m: Value = serde_json::from_str(e["message"].as_str().unwrap_or("{}")).unwrap_or_default();
        if m["message"]["method"] == "Network.requestWillBeSent" {
            requested.push(m["message"]["params"]["request"]["url"].as_str().unwrap_or("").to_string());
        }
    }
    assert!(requested.iter().any(|u| u == url.as_str()), "the network log does not even show the page: {requested:?}");
    let others: Vec<&String> = requested.iter().filter(|u| *u != url.as_str() && !u.starts_with("data:")).collect();
    assert!(others.is_empty(), "the page made requests: {others:?}");
    assert_eq!(js(c, "return performance.getEntriesByType('resource').length;").await, json!(0));

    // 3. Hostile ids are text: the title is intact, nothing they carry ran, and the cells read
    //    exactly as the ids.
    assert_eq!(c.title().await.unwrap(), "Fixture class <b>leaderboard</b>");
    assert_eq!(js(c, "return typeof window.pwned;").await, json!("undefined"));
    assert_eq!(js(c, "return document.querySelectorAll('#board script, #board img, h1 b').length;").await, json!(0));
    let names = js(c, "return Array.from(document.querySelectorAll('#board tbody td.name')).map(td => td.textContent);").await;
    let names: Vec<String> = serde_json::from_value(names).unwrap();
    assert!(names.contains(&HOSTILE_ID.to_string()) && names.contains(&HOSTILE_IMG.to_string()), "{names:?}");
    assert_eq!(names.len(), 8);
    c.screenshot().await.map(|png| std::fs::write(out.join("leaderboard.png"), png).unwrap()).unwrap();

    // 4. Sorting by speed: ascending on the first click (no figure last), descending on the second.
    let before = speed_keys(c).await;
    c.find(Locator::Css("#speed-header button")).await.unwrap().click().await.unwrap();
    let asc = speed_keys(c).await;
    assert!(asc.windows(2).all(|w| w[0] <= w[1]), "not ascending by speed: {asc:?}");
    assert_ne!(asc, before, "the click changed nothing (the fixture's rank order is not speed order)");
    assert_eq!(js(c, "return document.getElementById('speed-header').getAttribute('aria-sort');").await, json!("ascending"));
    c.find(Locator::Css("#speed-header button")).await.unwrap().click().await.unwrap();
    let desc = speed_keys(c).await;
    assert!(desc.windows(2).all(|w| w[0] >= w[1]), "not descending by speed: {desc:?}");
    let first = js(c, "return document.querySelector('#board tbody tr td.name').textContent;").await;
    assert_eq!(first, json!("dee"), "dee has no speed figure: last ascending, first descending");

    // 5. Search filters rows as one types.
    let search = c.find(Locator::Id("search")).await.unwrap();
    search.send_keys("script").await.unwrap();
    let visible = js(c, "return Array.from(document.querySelectorAll('#board tbody tr')).filter(r => !r.hidden).map(r => r.cells[1].textContent);").await;
    assert_eq!(visible, json!([HOSTILE_ID]));
    assert_eq!(js(c, "return document.getElementById('shown').textContent;").await, json!("1 of 8 shown"));
    search.clear().await.unwrap();
    search.send_keys("A").await.unwrap();
    let visible =
        js(c, "return Array.from(document.querySelectorAll('#board tbody tr')).filter(r => !r.hidden).map(r => r.cells[1].textContent).sort();").await;
    assert_eq!(visible, json!(["ada", "fay"]), "case-insensitive");
    search.clear().await.unwrap();
    js(c, "const s = document.getElementById('search'); s.dispatchEvent(new Event('input')); return 0;").await;

    // 6. A phone: the page fits the width (the table scrolls inside its own box), charts scale.
    c.set_window_size(390, 844).await.unwrap();
    let overflow = js(c, "return document.documentElement.scrollWidth - document.documentElement.clientWidth;").await;
    assert!(overflow.as_i64().unwrap() <= 0, "the page scrolls sideways on a phone: {overflow}");
    let chart_w = js(c, "return document.querySelector('#scatter svg').getBoundingClientRect().width;").await;
    assert!(chart_w.as_f64().unwrap() <= 390.0, "the chart is wider than the phone: {chart_w}");
    c.screenshot().await.map(|png| std::fs::write(out.join("leaderboard-phone.png"), png).unwrap()).unwrap();

    // 7. Dark mode (emulated through DevTools): a dark background and light text.
    c.set_window_size(1280, 1000).await.unwrap();
    c.issue_cmd(Post(
        "goog/cdp/execute",
        json!({"cmd": "Emulation.setEmulatedMedia", "params": {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}}),
    ))
    .await
    .expect("dark mode emulation");
    let bg = js(c, "return getComputedStyle(document.body).backgroundColor;").await;
    assert_eq!(bg, json!("rgb(21, 23, 26)"), "dark mode background");
    c.screenshot().await.map(|png| std::fs::write(out.join("leaderboard-dark.png"), png).unwrap()).unwrap();

    // Nothing logged an error along the way either.
    let logs = c.issue_cmd(Post("se/log", json!({"type": "browser"}))).await.unwrap();
    let errors: Vec<&Value> = logs.as_array().unwrap().iter().filter(|e| e["level"] == "SEVERE").collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
}
