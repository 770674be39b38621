//! Runs the language-neutral vectors of tests/conformance/ through the Rust binding.
mod support;

use std::collections::HashMap;
use std::path::PathBuf;

use agentguard::{
    classify_error, encoding_for_model, error_class_str, finish_reason_str, provider_str, Engine, Error, Ledger,
    Provider, Response, Run, Scope, Scrubber, Status, StreamParser, Style, Usage, Window,
};
use support::json::Json;

fn vector_dir() -> PathBuf {
    match std::env::var("AGENTGUARD_CONFORMANCE_DIR") {
        Ok(d) => PathBuf::from(d),
        Err(_) => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../tests/conformance"),
    }
}

fn load(name: &str) -> Json {
    let text = std::fs::read_to_string(vector_dir().join(name)).expect("vector file");
    Json::parse(&text).unwrap_or_else(|e| panic!("{}: {}", name, e))
}

fn status(name: &str) -> Status {
    Status::from_name(name).unwrap_or_else(|| panic!("unknown status name {}", name))
}

fn opt_str<'a>(o: &'a Json, key: &str, def: &'a str) -> &'a str {
    o.get(key).map_or(def, |v| v.str())
}

fn scope(o: &Json) -> Scope {
    match o.get("scope").map(|v| v.str()) {
        Some("run") => Scope::Run,
        Some("user") => Scope::User,
        Some("tenant") => Scope::Tenant,
        Some("global") => Scope::Global,
        other => panic!("bad scope {:?}", other),
    }
}

fn window(o: &Json) -> Window {
    match o.get("window").map(|v| v.str()) {
        Some("total") => Window::Total,
        Some("hour") => Window::Hour,
        Some("day") => Window::Day,
        Some("month") => Window::Month,
        other => panic!("bad window {:?}", other),
    }
}

fn usage(o: &Json) -> Usage {
    let u = o.get("usage");
    let g = |k: &str| u.and_then(|u| u.get(k)).map_or(0, |v| v.i64() as u64);
    Usage {
        input_tokens: g("input_tokens"),
        cached_input_tokens: g("cached_input_tokens"),
        cache_write_tokens: g("cache_write_tokens"),
        output_tokens: g("output_tokens"),
        reasoning_tokens: g("reasoning_tokens"),
        cache_write_1h_tokens: g("cache_write_1h_tokens"),
    }
}

fn fields(where_: &str, want: Option<&Json>, actual: &[(&str, i64)]) {
    for (k, v) in want.map_or(&[][..], |w| w.fields()) {
        let expected = if k == "state" { status(v.str()).code() as i64 } else { v.i64() };
        let got = actual.iter().find(|(n, _)| n == k).unwrap_or_else(|| panic!("{}: no field {}", where_, k)).1;
        assert_eq!(got, expected, "{}: field {}", where_, k);
    }
}

fn provider(o: &Json) -> Provider {
    match opt_str(o, "provider", "auto") {
        "auto" => Provider::Auto,
        "openai-chat" => Provider::OpenAiChat,
        "openai-responses" => Provider::OpenAiResponses,
        "anthropic" => Provider::Anthropic,
        "gemini" => Provider::Gemini,
        other => panic!("unknown provider {}", other),
    }
}

fn style(name: &str) -> Style {
    match name {
        "default" => Style::Default,
        "label" => Style::Label,
        "mask" => Style::Mask,
        "hash" => Style::Hash,
        "detect" => Style::Detect,
        other => panic!("unknown style {}", other),
    }
}

fn body(o: &Json) -> Vec<u8> {
    match (o.get("body_text"), o.get("body")) {
        (Some(t), _) => t.str().as_bytes().to_vec(),
        (None, Some(b)) => b.dump().into_bytes(),
        _ => Vec::new(),
    }
}

fn usage_fields(w: &str, want: Option<&Json>, u: &Usage) {
    fields(w, want, &[
        ("input_tokens", u.input_tokens as i64), ("cached_input_tokens", u.cached_input_tokens as i64),
        ("cache_write_tokens", u.cache_write_tokens as i64), ("output_tokens", u.output_tokens as i64),
        ("reasoning_tokens", u.reasoning_tokens as i64), ("cache_write_1h_tokens", u.cache_write_1h_tokens as i64),
    ]);
}

struct Case {
    engine: Engine,
    ledger: Ledger,
    runs: HashMap<String, Run>,
    reservations: HashMap<String, u64>,
}

impl Case {
    fn run(&self, s: &Json) -> &Run {
        &self.runs[opt_str(s, "run", "run")]
    }

    fn reservation(&self, s: &Json) -> u64 {
        self.reservations[s.get("reservation").expect("reservation").str()]
    }

    fn step(&mut self, s: &Json, w: &str) -> Result<(), Error> {
        let id = opt_str(s, "id", "");
        match s.get("op").unwrap().str() {
            "set_time" => self.ledger.set_time(s.get("now_ms").unwrap().i64()),
            "begin" => {
                let opts = match (s.get("opts_text"), s.get("opts")) {
                    (Some(t), _) => Some(t.str().as_bytes().to_vec()),
                    (None, Some(o)) => Some(o.dump().into_bytes()),
                    _ => None,
                };
                let run = self.ledger.begin(opts.as_deref())?;
                self.runs.insert(opt_str(s, "as", "run").to_string(), run);
                Ok(())
            }
            "run_id" => {
                assert_eq!(self.run(s).id()?, id, "{}", w);
                Ok(())
            }
            "reserve" => {
                let r = self.run(s).reserve(
                    s.get("model").unwrap().str(),
                    s.get("input_tokens").unwrap().i64() as u64,
                    s.get("max_output_tokens").unwrap().i64() as u64,
                )?;
                if let Some(name) = s.get("as") {
                    self.reservations.insert(name.str().to_string(), r);
                }
                Ok(())
            }
            "commit" => {
                let cost = self.run(s).commit(self.reservation(s), usage(s))?;
                if let Some(c) = s.get("cost_nusd") {
                    assert_eq!(cost, c.i64(), "{}", w);
                }
                Ok(())
            }
            "release" => self.run(s).release(self.reservation(s)),
            "check" => self.run(s).check_state(),
            "turn" => self.run(s).turn(),
            "tool_call" => self.run(s).tool_call(opt_str(s, "tool", "")),
            "step_timeout" => {
                let t = self.run(s).step_timeout()?;
                if let Some(want) = s.get("timeout_ms") {
                    assert_eq!(t.map_or(-1, |d| d.as_millis() as i64), want.i64(), "{}", w);
                }
                Ok(())
            }
            "stats" => {
                let st = self.run(s).stats()?;
                fields(w, s.get("fields"), &[
                    ("spent_nusd", st.spent_nusd), ("reserved_nusd", st.reserved_nusd),
                    ("limit_nusd", st.limit_nusd), ("remaining_nusd", st.remaining_nusd),
                    ("spent_tokens", st.spent_tokens), ("reserved_tokens", st.reserved_tokens),
                    ("limit_tokens", st.limit_tokens), ("turns", st.turns), ("max_turns", st.max_turns),
                    ("tool_calls", st.tool_calls), ("max_tool_calls", st.max_tool_calls),
                    ("started_ms", st.started_ms), ("elapsed_ms", st.elapsed_ms),
                    ("remaining_ms", st.remaining_ms), ("open_reservations", st.open_reservations),
                    ("state", st.state.code() as i64),
                ]);
                Ok(())
            }
            "kill" => self.ledger.kill(scope(s), id, opt_str(s, "reason", "")),
            "revive" => self.ledger.revive(scope(s), id),
            "set_limit" => self.ledger.set_limit(scope(s), id, window(s), s.get("usd_nusd").unwrap().i64(),
                                                 s.get("tokens").unwrap().i64()),
            "clear_limit" => self.ledger.clear_limit(scope(s), id, window(s)),
            "counter" => {
                let c = self.ledger.counter(scope(s), id, window(s))?;
                fields(w, s.get("fields"), &[
                    ("spent_nusd", c.spent_nusd), ("reserved_nusd", c.reserved_nusd),
                    ("limit_nusd", c.limit_nusd), ("spent_tokens", c.spent_tokens),
                    ("reserved_tokens", c.reserved_tokens), ("limit_tokens", c.limit_tokens),
                    ("window_start_ms", c.window_start_ms),
                ]);
                Ok(())
            }
            "get" => {
                let got = self.ledger.get(scope(s), id, window(s))?;
                assert_eq!(got, (s.get("spent_nusd").unwrap().i64(), s.get("reserved_nusd").unwrap().i64()), "{}", w);
                Ok(())
            }
            "price" => {
                let cost = self.engine.price(s.get("model").unwrap().str(), usage(s))?;
                if let Some(c) = s.get("cost_nusd") {
                    assert_eq!(cost, c.i64(), "{}", w);
                }
                Ok(())
            }
            "model_price" => {
                let mp = self.engine.model_price(s.get("model").unwrap().str())?;
                if let Some(n) = s.get("name") {
                    assert_eq!(mp.name, n.str(), "{}", w);
                }
                let p = mp.price;
                fields(w, s.get("fields"), &[
                    ("input_per_mtok_nusd", p.input_per_mtok_nusd),
                    ("cached_input_per_mtok_nusd", p.cached_input_per_mtok_nusd),
                    ("cache_write_5m_per_mtok_nusd", p.cache_write_5m_per_mtok_nusd),
                    ("cache_write_1h_per_mtok_nusd", p.cache_write_1h_per_mtok_nusd),
                    ("output_per_mtok_nusd", p.output_per_mtok_nusd),
                    ("reasoning_per_mtok_nusd", p.reasoning_per_mtok_nusd),
                    ("tier_threshold_tokens", p.tier_threshold_tokens as i64),
                    ("input_above_per_mtok_nusd", p.input_above_per_mtok_nusd),
                    ("output_above_per_mtok_nusd", p.output_above_per_mtok_nusd),
                ]);
                Ok(())
            }
            "parse_response" => {
                let r = Response::parse(provider(s), &body(s))?;
                if let Some(p) = s.get("provider_is") {
                    assert_eq!(provider_str(r.provider()), p.str(), "{}", w);
                }
                if let Some(f) = s.get("finish") {
                    assert_eq!(finish_reason_str(r.finish()), f.str(), "{}", w);
                }
                if let Some(m) = s.get("model") {
                    assert_eq!(r.model()?, m.str(), "{}", w);
                }
                if let Some(t) = s.get("text") {
                    assert_eq!(r.text()?, t.str(), "{}", w);
                }
                usage_fields(w, s.get("usage"), &r.usage()?);
                if let Some(calls) = s.get("tool_calls") {
                    let got: Vec<(String, String, String)> =
                        r.tool_calls()?.into_iter().map(|c| (c.id, c.name, c.arguments)).collect();
                    let want: Vec<(String, String, String)> = calls
                        .arr()
                        .iter()
                        .map(|c| {
                            let f = |k: &str| c.get(k).unwrap().str().to_string();
                            (f("id"), f("name"), f("arguments"))
                        })
                        .collect();
                    assert_eq!(got, want, "{}", w);
                }
                Ok(())
            }
            "stream_parse" => {
                let mut p = StreamParser::new(provider(s))?;
                let mut text = String::new();
                for chunk in s.get("chunks").unwrap().arr() {
                    p.write(chunk.str().as_bytes())?;
                    text += &p.take_text()?;
                }
                let finished = p.finish().map_or_else(|e| e.status, |_| Status::Ok);
                assert_eq!(finished, status(opt_str(s, "finish_expect", "AG_OK")), "{}", w);
                text += &p.take_text()?;
                if let Some(t) = s.get("text") {
                    assert_eq!(text, t.str(), "{}", w);
                }
                let r = p.result()?;
                usage_fields(w, s.get("usage"), &r.usage()?);
                if let Some(t) = s.get("truncated") {
                    assert_eq!(r.truncated(), t.bool(), "{}", w);
                }
                Ok(())
            }
            "classify_error" => {
                let info = classify_error(provider(s), s.get("http_status").unwrap().i64() as i32,
                                          opt_str(s, "headers", "").as_bytes(), &body(s))?;
                assert_eq!(error_class_str(info.class), s.get("class").unwrap().str(), "{}", w);
                if let Some(r) = s.get("retryable") {
                    assert_eq!(info.retryable, r.bool(), "{}", w);
                }
                if let Some(ms) = s.get("retry_after_ms") {
                    assert_eq!(info.retry_after_ms, Some(ms.i64()), "{}", w);
                }
                assert!(info.message.contains(opt_str(s, "message", "")), "{}: {:?}", w, info.message);
                Ok(())
            }
            "record_response" => {
                let (u, cost) = self.run(s).record_response(self.reservation(s), provider(s), &body(s))?;
                usage_fields(w, s.get("usage"), &u);
                if let Some(c) = s.get("cost_nusd") {
                    assert_eq!(cost, c.i64(), "{}", w);
                }
                Ok(())
            }
            "encoding_for_model" => {
                let e = encoding_for_model(s.get("model").unwrap().str());
                assert_eq!(e as i64, s.get("encoding").unwrap().i64(), "{}", w);
                Ok(())
            }
            "scrub" => {
                let sc = Scrubber::new(&self.engine, style(opt_str(s, "style", "default")));
                let (out, n) = sc.scrub(s.get("input").unwrap().str().as_bytes())?;
                assert_eq!(String::from_utf8_lossy(&out), s.get("output").unwrap().str(), "{}", w);
                if let Some(f) = s.get("findings") {
                    assert_eq!(n as i64, f.i64(), "{}", w);
                }
                Ok(())
            }
            "scan" => {
                let found = Scrubber::new(&self.engine, Style::Default).scan(s.get("input").unwrap().str().as_bytes())?;
                let got: Vec<(String, i64, i64)> =
                    found.into_iter().map(|f| (f.rule, f.start as i64, f.end as i64)).collect();
                let want: Vec<(String, i64, i64)> = s
                    .get("findings")
                    .unwrap()
                    .arr()
                    .iter()
                    .map(|f| (f.get("rule").unwrap().str().to_string(), f.get("start").unwrap().i64(), f.get("end").unwrap().i64()))
                    .collect();
                assert_eq!(got, want, "{}", w);
                Ok(())
            }
            "scrub_stream" => {
                let sc = Scrubber::new(&self.engine, Style::Default);
                let data = s.get("input").unwrap().str().as_bytes();
                let (block, n) = sc.scrub(data)?;
                for size in s.get("chunk_sizes").unwrap().arr() {
                    let mut st = sc.stream()?;
                    let mut out = Vec::new();
                    for chunk in data.chunks(size.i64() as usize) {
                        out.extend(st.write(chunk)?);
                    }
                    out.extend(st.finish()?);
                    assert_eq!(out, block, "{}: chunk size {}", w, size.i64());
                    assert_eq!(st.findings()?.len(), n, "{}", w);
                }
                Ok(())
            }
            other => panic!("{}: unknown op {}", w, other),
        }
    }
}

fn expect(w: &str, got: Result<(), Error>, want: Status, contains: &str) {
    match got {
        Ok(()) => assert_eq!(Status::Ok, want, "{}: succeeded", w),
        Err(e) => {
            assert_eq!(e.status, want, "{}: {}", w, e);
            assert!(e.message.contains(contains), "{}: message {:?} lacks {:?}", w, e.message, contains);
        }
    }
}

fn run_case(file: &str, kase: &Json) {
    let name = format!("{}: {}", file, kase.get("name").unwrap().str());
    let policy = match (kase.get("policy_text"), kase.get("policy")) {
        (Some(t), _) => Some(t.str().as_bytes().to_vec()),
        (None, Some(p)) => Some(p.dump().into_bytes()),
        _ => None,
    };
    let engine = Engine::new(policy.as_deref());
    let want = status(opt_str(kase, "engine_expect", "AG_OK"));
    let contains = opt_str(kase, "engine_error_contains", "");
    let engine = match engine {
        Ok(e) => {
            expect(&name, Ok(()), want, contains);
            e
        }
        Err(e) => return expect(&name, Err(e), want, contains),
    };
    let ledger = Ledger::new(&engine, None).expect("ledger");
    let mut c = Case { engine, ledger, runs: HashMap::new(), reservations: HashMap::new() };
    for (i, s) in kase.get("steps").map_or(&[][..], |v| v.arr()).iter().enumerate() {
        let w = format!("{} step {} ({})", name, i, s.get("op").unwrap().str());
        let got = c.step(s, &w);
        expect(&w, got, status(opt_str(s, "expect", "AG_OK")), opt_str(s, "error_contains", ""));
    }
}

#[test]
fn status_table() {
    let table = load("status.json");
    let rows = table.get("statuses").unwrap().arr();
    for row in rows {
        let s = status(row.get("name").unwrap().str());
        assert_eq!(s.code() as i64, row.get("code").unwrap().i64());
        assert_eq!(s.as_str(), row.get("str").unwrap().str());
        assert_eq!(s.is_retryable(), row.get("retryable").unwrap().bool());
    }
    assert_eq!(Status::all().count(), rows.len());
}

#[test]
fn vectors() {
    let mut files: Vec<String> = std::fs::read_dir(vector_dir())
        .expect("vector dir")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "status.json")
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no conformance vectors");
    for f in &files {
        for kase in load(f).get("cases").unwrap().arr() {
            run_case(f, kase);
        }
    }
}
