//! Signing and verifying result files: the one place that touches the instructor's secret.
//!
//! A result file is a JSON object. Signing adds one field, `signature`, computed as
//! HMAC-SHA256 over [`canonical`] bytes of the whole object *without* that field (every other
//! field is covered: student id, commit, source hash, course version, grader version,
//! `graded_at`, every score and message). Unsigned files say `"signature": "unsigned"`.
//!
//! ```json
//! "signature": {"alg": "HMAC-SHA256", "key_id": "3f9a0c12", "mac": "<64 hex digits>"}
//! ```
//!
//! The key comes from `NDLAB_SIGNING_KEY` ([`Key::from_env`]) in the instructor's process only.
//! It never reaches student code: every process that compiles or runs a submission starts
//! with a cleared environment (see the judge's sandbox), and the key is never written to a file.
//! `key_id` names the key (a hash of it, which reveals nothing useful about it), so a file
//! signed with another course's key is told apart from a tampered one.

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt;

/// The environment variable that holds the instructor's secret.
pub const KEY_VAR: &str = "NDLAB_SIGNING_KEY";
/// The field a signed or unsigned result carries.
pub const FIELD: &str = "signature";
pub const UNSIGNED: &str = "unsigned";
const ALG: &str = "HMAC-SHA256";
/// Domain separation: a MAC over a result is never a MAC over anything else the key signs.
const RESULT_DOMAIN: &[u8] = b"ndlab result v1\n";

/// The instructor's secret. `Debug` never prints it.
#[derive(Clone)]
pub struct Key(Vec<u8>);

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Key({})", self.id())
    }
}

impl Key {
    /// At least this many bytes: anything shorter is not a secret a class cannot guess.
    pub const MIN_LEN: usize = 16;

    pub fn new(secret: &[u8]) -> Result<Key, String> {
        if secret.len() < Self::MIN_LEN {
            return Err(format!("the signing key is {} bytes; use at least {} (for example `openssl rand -hex 32`)", secret.len(), Self::MIN_LEN));
        }
        Ok(Key(secret.to_vec()))
    }

    /// The key in `NDLAB_SIGNING_KEY`, if set. Set but empty, too short or not UTF-8 is an error
    /// (an instructor who meant to sign must not get unsigned files silently).
    pub fn from_env() -> Result<Option<Key>, String> {
        match std::env::var_os(KEY_VAR) {
            None => Ok(None),
            Some(v) => {
                let s = v.to_str().ok_or_else(|| format!("{KEY_VAR} is not valid UTF-8"))?;
                let s = s.trim();
                if s.is_empty() {
                    return Err(format!("{KEY_VAR} is set but empty: unset it to write unsigned results"));
                }
                Key::new(s.as_bytes()).map(Some).map_err(|e| format!("{KEY_VAR}: {e}"))
            }
        }
    }

    /// A short public name of the key: the first 4 bytes of SHA-256 over a label and the key.
    pub fn id(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"ndlab key id\n");
        h.update(&self.0);
        hex(&h.finalize()[..4])
    }

    fn mac(&self, domain: &[u8], data: &[u8]) -> Hmac<Sha256> {
        let mut m = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        m.update(domain);
        m.update(data);
        m
    }

    /// HMAC-SHA256 of `data` under this key, in its own domain `label` (for values derived from
    /// the key that are not signatures, such as pseudonyms).
    pub fn derive(&self, label: &str, data: &[u8]) -> [u8; 32] {
        derive(&self.0, label, data)
    }
}

/// HMAC-SHA256 of `data` under `secret` in the domain `label` (a salt works as the secret too).
pub fn derive(secret: &[u8], label: &str, data: &[u8]) -> [u8; 32] {
    let mut m = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes a key of any length");
    m.update(b"ndlab derive\n");
    m.update(label.as_bytes());
    m.update(b"\n");
    m.update(data);
    m.finalize().into_bytes().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

/// The canonical form of a JSON value: no whitespace, object keys sorted by their bytes,
/// strings and numbers written as `serde_json` writes them. Parsing a file and writing it
/// again gives the same bytes, whatever the file's layout or key order.
pub fn canonical(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend(serde_json::to_vec(k).expect("a string serialises"));
                out.push(b':');
                write_canonical(&map[k], out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(x, out);
            }
            out.push(b']');
        }
        other => out.extend(serde_json::to_vec(other).expect("a scalar serialises")),
    }
}

/// The bytes a result's MAC covers: the object without its `signature` field.
fn signed_bytes(result: &serde_json::Map<String, Value>) -> Vec<u8> {
    let mut copy = result.clone();
    copy.remove(FIELD);
    canonical(&Value::Object(copy))
}

/// Sets `result["signature"]`: a MAC under `key`, or `"unsigned"` without one.
/// `result` must be a JSON object (a result file always is).
pub fn sign(result: &mut Value, key: Option<&Key>) {
    let Value::Object(map) = result else { panic!("a result is a JSON object") };
    let sig = match key {
        None => Value::String(UNSIGNED.into()),
        Some(k) => {
            let mac = k.mac(RESULT_DOMAIN, &signed_bytes(map)).finalize().into_bytes();
            serde_json::json!({"alg": ALG, "key_id": k.id(), "mac": hex(&mac)})
        }
    };
    map.insert(FIELD.into(), sig);
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Signed with the key given and untouched since, for the expected course version.
    Valid,
    /// Says it is unsigned, or has no signature at all.
    Unsigned,
    /// Carries a signature that this key did not make over these bytes.
    Forged(String),
    /// Genuine, but graded against another version of the course.
    OtherCourse { found: String, expected: String },
    /// Signed, but no key was given to check it with.
    Unchecked,
    /// Not a result file.
    Malformed(String),
}

impl Verdict {
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Unsigned => "unsigned",
            Verdict::Forged(_) => "forged",
            Verdict::OtherCourse { .. } => "other course version",
            Verdict::Unchecked => "signed, not checked",
            Verdict::Malformed(_) => "malformed",
        }
    }

    /// One line for a person: the verdict and why.
    pub fn explain(&self) -> String {
        match self {
            Verdict::Forged(why) | Verdict::Malformed(why) => format!("{}: {why}", self.word()),
            Verdict::OtherCourse { found, expected } => {
                format!("{}: graded against course version {}…, this course is {}…", self.word(), short(found), short(expected))
            }
            Verdict::Unchecked => format!("{} (set {KEY_VAR} to check it)", self.word()),
            _ => self.word().to_string(),
        }
    }
}

fn short(s: &str) -> &str {
    s.get(..12).unwrap_or(s)
}

/// Checks a parsed result file. With a key, the MAC is checked first (a forged file is forged
/// whatever it claims); then the course version, when `expected_course` is given.
pub fn verify(result: &Value, key: Option<&Key>, expected_course: Option<&str>) -> Verdict {
    let Value::Object(map) = result else { return Verdict::Malformed("not a JSON object".into()) };
    let course = match map.get("course_version") {
        Some(Value::String(s)) => s.clone(),
        _ => return Verdict::Malformed("no \"course_version\" (not an ndlab result file)".into()),
    };
    let verdict = match map.get(FIELD) {
        None => Verdict::Unsigned,
        Some(Value::String(s)) if s == UNSIGNED => Verdict::Unsigned,
        Some(Value::Object(sig)) => match key {
            None => Verdict::Unchecked,
            Some(k) => check_mac(map, sig, k),
        },
        Some(_) => Verdict::Forged("the signature field is neither \"unsigned\" nor a signature".into()),
    };
    if matches!(verdict, Verdict::Valid | Verdict::Unchecked | Verdict::Unsigned)
        && let Some(expected) = expected_course
        && course != expected
    {
        // A forgery stays a forgery, and an unsigned file stays unsigned (the more basic flaw;
        // a caller that accepts unsigned files checks the course version itself).
        if verdict != Verdict::Unsigned {
            return Verdict::OtherCourse { found: course, expected: expected.to_string() };
        }
    }
    verdict
}

fn check_mac(map: &serde_json::Map<String, Value>, sig: &serde_json::Map<String, Value>, k: &Key) -> Verdict {
    let field = |name: &str| sig.get(name).and_then(Value::as_str);
    if field("alg") != Some(ALG) {
        return Verdict::Forged(format!("unknown signature algorithm {:?}", sig.get("alg")));
    }
    let Some(mac) = field("mac").and_then(unhex) else {
        return Verdict::Forged("the MAC is not hexadecimal".into());
    };
    if field("key_id") != Some(k.id().as_str()) {
        return Verdict::Forged(format!("signed with another key (key id {}, this key is {})", field("key_id").unwrap_or("?"), k.id()));
    }
    match k.mac(RESULT_DOMAIN, &signed_bytes(map)).verify_slice(&mac) {
        Ok(()) => Verdict::Valid,
        Err(_) => Verdict::Forged("signature mismatch: the file was changed after it was signed".into()),
    }
}

/// Reads and checks a result file's bytes (see [`verify`]).
pub fn verify_bytes(bytes: &[u8], key: Option<&Key>, expected_course: Option<&str>) -> Verdict {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => verify(&v, key, expected_course),
        Err(e) => Verdict::Malformed(format!("not JSON ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key() -> Key {
        Key::new(b"0123456789abcdef-test-key").unwrap()
    }

    fn result() -> Value {
        json!({"schema": 1, "student": "ada", "commit": "abc", "source_hash": "s1", "course_version": "c1",
               "grader_version": "g1", "graded_at": "2026-12-01T00:00:00.000000Z", "score": 40.0, "max_score": 48.0,
               "modules": [{"name": "arrays", "score": 40.0, "cases": [{"case": "a", "status": "pass", "ratio": 0.1234567890123}]}]})
    }

    #[test]
    fn a_signed_result_verifies_and_survives_reformatting() {
        let mut r = result();
        sign(&mut r, Some(&key()));
        assert_eq!(verify(&r, Some(&key()), Some("c1")), Verdict::Valid);
        // Pretty-printed and re-parsed (a different layout and key order on disk): still valid.
        let pretty = serde_json::to_string_pretty(&r).unwrap();
        assert_eq!(verify_bytes(pretty.as_bytes(), Some(&key()), Some("c1")), Verdict::Valid);
    }

    #[test]
    fn every_field_is_covered() {
        let mut r = result();
        sign(&mut r, Some(&key()));
        for (path, new) in [
            ("/student", json!("bob")),
            ("/commit", json!("def")),
            ("/source_hash", json!("s2")),
            ("/grader_version", json!("g2")),
            ("/graded_at", json!("2027-01-01T00:00:00.000000Z")),
            ("/score", json!(48.0)),
            ("/modules/0/cases/0/status", json!("fail")),
            ("/modules/0/cases/0/ratio", json!(0.1234567890124)),
        ] {
            let mut t = r.clone();
            *t.pointer_mut(path).unwrap() = new;
            assert!(matches!(verify(&t, Some(&key()), Some("c1")), Verdict::Forged(_)), "{path} is not covered");
        }
        // A field added after signing is caught too.
        let mut t = r.clone();
        t["bonus"] = json!(10);
        assert!(matches!(verify(&t, Some(&key()), None), Verdict::Forged(_)));
    }

    #[test]
    fn verdicts() {
        let mut unsigned = result();
        sign(&mut unsigned, None);
        assert_eq!(unsigned[FIELD], json!("unsigned"));
        assert_eq!(verify(&unsigned, Some(&key()), Some("c1")), Verdict::Unsigned);
        let mut missing = result();
        missing.as_object_mut().unwrap().remove(FIELD);
        assert_eq!(verify(&missing, Some(&key()), Some("c1")), Verdict::Unsigned);

        let mut signed = result();
        sign(&mut signed, Some(&key()));
        assert_eq!(verify(&signed, None, Some("c1")), Verdict::Unchecked);
        assert!(matches!(verify(&signed, Some(&key()), Some("c2")), Verdict::OtherCourse { .. }));
        let other = Key::new(b"another course's secret key").unwrap();
        let v = verify(&signed, Some(&other), Some("c1"));
        assert!(matches!(&v, Verdict::Forged(why) if why.contains("another key")), "{v:?}");

        // A forger who re-signs with a guessed key id but no key still fails.
        let mut t = signed.clone();
        t["score"] = json!(48.0);
        t[FIELD]["mac"] = json!("00".repeat(32));
        assert!(matches!(verify(&t, Some(&key()), Some("c1")), Verdict::Forged(_)));
        t[FIELD]["mac"] = json!("zz");
        assert!(matches!(verify(&t, Some(&key()), Some("c1")), Verdict::Forged(_)));
        t[FIELD] = json!(true);
        assert!(matches!(verify(&t, Some(&key()), Some("c1")), Verdict::Forged(_)));

        assert!(matches!(verify_bytes(b"{not json", Some(&key()), None), Verdict::Malformed(_)));
        assert!(matches!(verify_bytes(b"[1,2]", Some(&key()), None), Verdict::Malformed(_)));
        assert!(matches!(verify_bytes(b"{\"score\": 1}", Some(&key()), None), Verdict::Malformed(_)));
    }

    /// Every f64 written to a file reads back as the same f64 (serde_json's `float_roundtrip`):
    /// without it, about one number in a few thousand comes back a unit in the last place off
    /// and a genuine file verifies as forged.
    #[test]
    fn numbers_survive_the_trip_through_a_file() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut numbers = Vec::new();
        for _ in 0..200_000 {
            // xorshift: bit patterns of every magnitude, plus timings like the grader's.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let f = f64::from_bits(x);
            if f.is_finite() {
                numbers.push(f);
            }
            numbers.push((x % 1_000_000_000) as f64 * 1e-9);
        }
        let mut r = json!({"course_version": "c1", "xs": numbers});
        sign(&mut r, Some(&key()));
        let text = serde_json::to_string_pretty(&r).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        for (a, b) in r["xs"].as_array().unwrap().iter().zip(back["xs"].as_array().unwrap()) {
            assert_eq!(a.as_f64().unwrap().to_bits(), b.as_f64().unwrap().to_bits(), "{a} came back as {b}");
        }
        assert_eq!(verify(&back, Some(&key()), Some("c1")), Verdict::Valid);
    }

    #[test]
    fn canonical_form_is_sorted_and_compact() {
        let v: Value = serde_json::from_str(r#"{ "b": [1, 2.5, "x"], "a": {"d": null, "c": true} }"#).unwrap();
        assert_eq!(String::from_utf8(canonical(&v)).unwrap(), r#"{"a":{"c":true,"d":null},"b":[1,2.5,"x"]}"#);
    }

    #[test]
    fn keys_are_checked_and_never_printed() {
        assert!(Key::new(b"short").is_err());
        let k = key();
        assert!(!format!("{k:?}").contains("0123456789abcdef"));
        assert_eq!(k.id().len(), 8);
        assert_ne!(k.derive("pseudonym", b"ada"), k.derive("pseudonym", b"bob"));
        assert_ne!(k.derive("pseudonym", b"ada"), k.derive("other", b"ada"));
    }
}
