#!/bin/sh
# Makes the two sample sources of seeds/ that are not plain text, with real tools (Debian 12):
#   seeds/005_aleppo_briefing.pdf  groff 1.22 (-ms macros) → PostScript → ghostscript 10 ps2pdf
#   seeds/006_aleppo_ledger.html   the page in ledger-page.html, loaded and saved by Chromium
#                                  (headless --dump-dom), as a browser saves a page
set -e
here=$(cd "$(dirname "$0")" && pwd)
seeds="$here/../../seeds"
tmp=$(mktemp -d)
groff -ms -Tps "$here/aleppo-briefing.ms" > "$tmp/briefing.ps"
ps2pdf -dPDFSETTINGS=/prepress "$tmp/briefing.ps" "$seeds/005_aleppo_briefing.pdf"
chromium --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/chromium" --dump-dom "file://$here/ledger-page.html" > "$seeds/006_aleppo_ledger.html" 2>/dev/null
rm -rf "$tmp"
