#!/usr/bin/env bash
# Renders `demarche score --format html` reports in headless Chromium and checks them as a reader's
# browser sees them (issue 17): the reports of Examples/*.txt, of the seed article
# (../shared/examples/korea-2022.txt, when present), of a hostile article (a script tag,
# an img with onerror, &, quotes, right-to-left text, emoji) and of JSON Lines input with several
# articles (one page each into a directory). For each page, in the DOM Chromium dumps:
#   - the number of mention elements equals the JSON output's mention count;
#   - every party of the summary has a bar;
#   - the page's own script ran (it marks <html data-report-ready="1">: the CSP hash is right);
#   - no script from the article ran (it would retitle the page "PWNED" or add #pwned);
#   - no console message at all (errors, CSP violations), from --enable-logging;
#   - no request left the page: no http(s) src/href in the HTML or the DOM, and none in
#     Chromium's net log apart from the browser's own housekeeping (Google update/accounts hosts),
#     with every host name mapped to NOTFOUND in any case.
# Screenshots at 360 and 1,440 px wide and a printed PDF (print style sheet) go next to the pages.
#
# Usage: Scripts/test-html-report.sh [output-dir]   (default: a temporary directory)
# Environment: DEMARCHE=path/to/demarche to skip the build.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq chromium
fi

if [ -z "${DEMARCHE:-}" ]; then
  swift build --product demarche >&2
  DEMARCHE="$(swift build --show-bin-path)/demarche"
fi
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
echo "html report test: writing to $out"

# A hostile article. If any of its markup ran, the page's title would become PWNED or a #pwned
# element would appear.
cat > "$out/hostile.txt" <<'EOF'
Seoul & Tokyo <b>"talk"</b> — it's <script>document.title='PWNED';document.body.appendChild(document.createElement('div')).id='pwned'</script>

Seoul condemned Pyongyang <img src=x onerror="document.title='PWNED'"> on 'Monday' & said "enough" </p></span></mark><script>alert(1)</script>.

China welcomed Russia's offer 🇨🇳🤝🏽 of cheaper gas, a report in Arabic said: مرحبا بالعالم، and in Hebrew: שלום עולם — then Washington thanked Japan.
EOF
# JSON Lines with several articles (and markup in an id): one page each into a directory.
python3 - "$out/hostile.txt" > "$out/several.jsonl" <<'EOF'
import json, sys
hostile = open(sys.argv[1], encoding="utf-8").read()
print(json.dumps({"id": "evil\"<script>document.title='PWNED'</script>", "text": hostile}, ensure_ascii=False))
print(json.dumps({"id": "second", "text": "Japan thanked South Korea for its help.\n\nNorth Korea accused the United States of provocation."}))
EOF

chrome() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    "--host-resolver-rules=MAP * ~NOTFOUND" --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --disable-default-apps --user-data-dir="$out/profile" "$@"
}

pages=()
# The seed article of ../shared (read in place when present, never copied into the project).
seed=()
[ -f ../shared/examples/korea-2022.txt ] && seed=(../shared/examples/korea-2022.txt)
for article in Examples/*.txt "${seed[@]}" "$out/hostile.txt"; do
  name="$(basename "$article" .txt)"
  "$DEMARCHE" score "$article" --format html --out "$out/$name.html"
  "$DEMARCHE" score "$article" --format json > "$out/$name.json"
  pages+=("$name")
done
mkdir -p "$out/several"
"$DEMARCHE" score "$out/several.jsonl" --format html --out "$out/several/"
"$DEMARCHE" score "$out/several.jsonl" --format jsonl > "$out/several.jsonl.out"
i=0
for page in "$out"/several/*.html; do
  i=$((i + 1))
  name="several-$i"
  cp "$page" "$out/$name.html"
  sed -n "${i}p" "$out/several.jsonl.out" > "$out/$name.json"
  pages+=("$name")
done
if [ "$i" -ne 2 ]; then echo "html report test: expected 2 pages from several.jsonl, got $i" >&2; exit 1; fi

cat > "$out/check.py" <<'EOF'
import json, re, sys
from html.parser import HTMLParser

out, name = sys.argv[1], sys.argv[2]
html = open(f"{out}/{name}.html", encoding="utf-8").read()
dom = open(f"{out}/{name}.dom.html", encoding="utf-8").read()
log = open(f"{out}/{name}.log", encoding="utf-8", errors="replace").read()
score = json.load(open(f"{out}/{name}.json", encoding="utf-8"))
problems = []

class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements, self.title, self._in_title = [], "", False
    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title"
    def handle_endtag(self, tag):
        self._in_title = False
    def handle_data(self, data):
        if self._in_title:
            self.title += data

page = Collect()
page.feed(dom)
if not page.elements:
    problems.append("the dumped DOM is empty (did Chromium load the page?)")

mentions = sum(len(p["mentions"]) for s in score["sentences"] for p in s["parties"])
marks = [a for t, a in page.elements if "data-mention" in a]
if len(marks) != mentions:
    problems.append(f"{len(marks)} mention elements in the DOM, {mentions} mentions in the JSON")
if any(t != "mark" or a.get("tabindex") != "0" or not a.get("aria-label") for t, a in [(t, a) for t, a in page.elements if "data-mention" in a]):
    problems.append("a mention element is not a focusable mark with an aria-label")
bars = {a.get("data-bar") for t, a in page.elements if "data-bar" in a}
for p in score["parties"]:
    if p["partyID"] not in bars:
        problems.append(f"party {p['partyID']} has no bar")
html_el = next((a for t, a in page.elements if t == "html"), {})
if html_el.get("data-report-ready") != "1":
    problems.append("the page's own script did not run (data-report-ready missing): CSP hash or script error")
served = Collect()
served.feed(html)
if page.title != served.title or page.title.strip() == "PWNED":
    problems.append(f"the title changed after load (an article script ran?): {page.title!r}")
if any(a.get("id") == "pwned" for t, a in page.elements):
    problems.append("an article script ran: #pwned exists")
scripts = [t for t, a in page.elements if t == "script"]
if len(scripts) != 2:
    problems.append(f"{len(scripts)} script elements in the DOM, expected the page's 2")
if any(t in ("img", "iframe", "object", "embed", "link") for t, a in page.elements):
    problems.append("an img/iframe/object/embed/link element is in the DOM")
for text, what in ((html, "HTML"), (dom, "DOM")):
    if re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:|//|wss?:)""", text, re.I):
        problems.append(f"the {what} refers to the network")
# The article's text is in the page as text, markup and all.
for s in score["sentences"]:
    if "<script>" in s["sentence"]["text"] and "&lt;script&gt;" not in dom:
        problems.append("the article's <script> is not shown as text")
console = [l for l in log.splitlines() if "CONSOLE" in l or "Uncaught" in l]
if console:
    problems.append("console messages: " + " | ".join(l[:240] for l in console[:5]))
try:
    netlog = open(f"{out}/{name}.netlog.json", encoding="utf-8", errors="replace").read()
except FileNotFoundError:
    netlog = ""
    problems.append("no net log written")
housekeeping = re.compile(r"^(https?|wss?)://([a-z0-9-]+\.)*(google\.com|googleapis\.com|gstatic\.com)(/|:|$)", re.I)
requests = sorted({u for u in re.findall(r'"url":"((?:https?|wss?|ftp)://[^"]*)"', netlog) if not housekeeping.match(u)})
if requests:
    problems.append("requests left the page: " + ", ".join(requests[:5]))

if problems:
    print(f"FAIL {name}:")
    for p in problems:
        print("  - " + p)
    sys.exit(1)
print(f"ok   {name}: {len(marks)} mentions, {len(bars)} party bars, script ran, no article script, no console message, no request")
EOF

# Loads a page in Chromium and dumps its DOM, console log and net log.
load() {
  rm -f "$out/$1.netlog.json"
  chrome --enable-logging=stderr --v=0 --log-net-log="$out/$1.netlog.json" --dump-dom "file://$out/$1.html" \
    > "$out/$1.dom.html" 2> "$out/$1.log"
}

# The checks must be able to fail: a copy of the hostile page with its escaping undone must fail them.
sed -e 's/&lt;/</g; s/&gt;/>/g' "$out/hostile.html" > "$out/canary.html"
cp "$out/hostile.json" "$out/canary.json"
load canary
if python3 "$out/check.py" "$out" canary > "$out/canary.result"; then
  echo "html report test: the checks passed a page with unescaped article markup (canary); they cannot fail" >&2
  exit 1
fi
echo "canary (hostile page with escaping undone) fails the checks as it must:"
sed 's/^/  /' "$out/canary.result"

failed=0
for name in "${pages[@]}"; do
  page="$out/$name.html"
  load "$name"
  chrome --screenshot="$out/$name-360.png" --window-size=360,2000 "file://$page" > /dev/null 2>&1
  chrome --screenshot="$out/$name-1440.png" --window-size=1440,1400 "file://$page" > /dev/null 2>&1
  chrome --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$page" > /dev/null 2>&1
  if [ ! -s "$out/$name.pdf" ] || [ "$(head -c 5 "$out/$name.pdf")" != "%PDF-" ]; then
    echo "FAIL $name: printing to PDF gave no PDF"; failed=1
  fi
  if ! python3 "$out/check.py" "$out" "$name"
  then
    failed=1
  fi
done
# Interaction, keyboard only: a copy of the strait-talks page without its CSP meta (so a probe
# script may run) gets a probe that presses Enter on the first party button and on the first
# mention, as a keyboard user would after tabbing there, and records what the page did.
python3 - "$out/strait-talks.html" "$out/interaction.html" <<'EOF'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
page, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", page)
assert n == 1, "no CSP meta in the page"
probe = """<script>
(function(){
  var r={};
  var b=document.querySelector(".pbtn"); b.focus(); r.buttonFocused=document.activeElement===b;
  b.click();  // what Enter or Space does on a focused button
  var party=b.getAttribute("data-party");
  var want=Array.prototype.filter.call(document.querySelectorAll(".s"),function(s){return s.getAttribute("data-parties").split(" ").indexOf(party)>=0;}).length;
  r.highlighted=document.querySelectorAll(".s.hl").length; r.expected=want; r.pressed=b.getAttribute("aria-pressed");
  b.click(); r.afterSecondPress=document.querySelectorAll(".s.hl").length;
  var m=document.querySelector("[data-mention]"); m.focus(); r.mentionFocused=document.activeElement===m;
  m.dispatchEvent(new KeyboardEvent("keydown",{key:"Enter",bubbles:true}));
  r.whyItems=document.querySelectorAll("#why-body li").length; r.selected=m.classList.contains("sel");
  r.whyText=document.getElementById("why-body").textContent.slice(0,200);
  document.body.setAttribute("data-probe",JSON.stringify(r));
})();
</script>"""
page = page.replace("</body>", probe + "\n</body>")
open(sys.argv[2], "w", encoding="utf-8").write(page)
EOF
chrome --dump-dom "file://$out/interaction.html" > "$out/interaction.dom.html" 2> /dev/null
if ! python3 - "$out/interaction.dom.html" <<'EOF'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'data-probe="([^"]*)"', dom)
if not m:
    print("FAIL interaction: the probe did not run"); sys.exit(1)
r = json.loads(html.unescape(m.group(1)))
problems = []
if not r["buttonFocused"] or not r["mentionFocused"]: problems.append("a party button or a mention cannot take the focus")
if r["highlighted"] != r["expected"] or r["expected"] == 0: problems.append(f"pressing the party highlighted {r['highlighted']} sentences, expected {r['expected']}")
if r["pressed"] != "true": problems.append("the pressed party button does not say aria-pressed=true")
if r["afterSecondPress"] != 0: problems.append("pressing the party again does not clear the highlight")
if r["whyItems"] < 1 or not r["selected"]: problems.append("Enter on a mention does not show its features in the why panel")
if problems:
    print("FAIL interaction: " + "; ".join(problems)); sys.exit(1)
print(f"ok   interaction: Enter on a party highlights its {r['highlighted']} sentences and clears them again; Enter on a mention lists {r['whyItems']} features ({r['whyText'][:90]}…)")
EOF
then
  failed=1
fi

rm -rf "$out/profile"
if [ "$failed" -ne 0 ]; then
  echo "html report test: FAILED (pages, DOM dumps, logs and screenshots in $out)" >&2
  exit 1
fi
echo "html report test: all ${#pages[@]} pages passed; screenshots in $out"
