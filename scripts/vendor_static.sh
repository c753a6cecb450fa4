#!/usr/bin/env bash
# Rebuild static/vendor/ from pinned npm packages: the TinyMCE editor, its Persian
# UI strings and the Vazirmatn font. The site must never load a file from another
# host, so these are served from static/ and fetched only through `npm pack`.
#
# Usage: scripts/vendor_static.sh   (needs node and npm; safe to run again)
set -euo pipefail

# Exact versions and the registry's sha512 integrity of each tarball: bumping a
# version means updating its integrity too (`npm view NAME@VERSION dist.integrity`).
TINYMCE_VERSION="8.9.2"
TINYMCE_INTEGRITY="sha512-Qh6ADSC0x1F/KsrupfResNJFAaINJQBtfVjx5zxxWJ0ZrGtaKldtAXDMI6uEA57s2n+0rEtXmtbitiU4zV7+0Q=="
TINYMCE_I18N_VERSION="26.9.21"
TINYMCE_I18N_INTEGRITY="sha512-umMiwx0KtwWfjqUiKiG5I+HGeJ9HA8+QjSi2j2jCnn2r1rlC2Sgoa4T2ZVHV/PdlJA3b15urDkaaQsBAMLTWZA=="
VAZIRMATN_VERSION="33.0.3"
VAZIRMATN_INTEGRITY="sha512-fbjNc0CMjazZpIegWzz9OHGzI1APFboT+x7ZecXlUCtDe/nkyx7gtCTZnWS/+eeXG7fbfXymCPKJI8EsnM3iqw=="

# Only the plugins static/js/editor.js asks for; keep the two lists in step.
TINYMCE_PLUGINS=(autolink autoresize code directionality link lists searchreplace wordcount)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# fetch NAME VERSION INTEGRITY: unpack the registry tarball into $WORK/NAME.
fetch() {
    local name="$1" version="$2" integrity="$3" tarball actual
    tarball="$(cd "$WORK" && npm pack --silent --ignore-scripts "$name@$version" | tail -n 1)"
    actual="$(node -e '
        const data = require("fs").readFileSync(process.argv[1]);
        const hash = require("crypto").createHash("sha512").update(data);
        console.log("sha512-" + hash.digest("base64"));
    ' "$WORK/$tarball")"
    if [[ "$actual" != "$integrity" ]]; then
        echo "vendor_static: $name@$version integrity mismatch: $actual" >&2
        exit 1
    fi
    mkdir -p "$WORK/$name"
    tar -xzf "$WORK/$tarball" -C "$WORK/$name" --no-same-owner --strip-components=1
}

# put SRC DEST: copy one file, creating DEST's folder.
put() {
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
}

fetch tinymce "$TINYMCE_VERSION" "$TINYMCE_INTEGRITY"
fetch tinymce-i18n "$TINYMCE_I18N_VERSION" "$TINYMCE_I18N_INTEGRITY"
fetch vazirmatn "$VAZIRMATN_VERSION" "$VAZIRMATN_INTEGRITY"

mkdir -p "$VENDOR"

# --- TinyMCE: minified core, one theme/model/icon set, the oxide skin ----------
src="$WORK/tinymce"
dest="$VENDOR/tinymce"
rm -rf "$dest"
put "$src/tinymce.min.js" "$dest/tinymce.min.js"
put "$src/license.md" "$dest/license.md"
put "$src/notices.txt" "$dest/notices.txt"
put "$src/models/dom/model.min.js" "$dest/models/dom/model.min.js"
put "$src/themes/silver/theme.min.js" "$dest/themes/silver/theme.min.js"
put "$src/icons/default/icons.min.js" "$dest/icons/default/icons.min.js"
for file in skin.min.css skin.shadowdom.min.css content.min.css; do
    put "$src/skins/ui/oxide/$file" "$dest/skins/ui/oxide/$file"
done
put "$src/skins/content/default/content.min.css" \
    "$dest/skins/content/default/content.min.css"
for plugin in "${TINYMCE_PLUGINS[@]}"; do
    put "$src/plugins/$plugin/plugin.min.js" "$dest/plugins/$plugin/plugin.min.js"
done

# --- Persian UI strings for TinyMCE 8 (same licence as TinyMCE) ----------------
src="$WORK/tinymce-i18n"
put "$src/langs${TINYMCE_VERSION%%.*}/fa.js" "$dest/langs/fa.js"
put "$src/LICENSE.md" "$dest/langs/LICENSE.md"
put "$src/NOTICE.md" "$dest/langs/NOTICE.md"

# --- Vazirmatn: the variable font covers every weight in one file --------------
src="$WORK/vazirmatn"
dest="$VENDOR/vazirmatn"
rm -rf "$dest"
# Renamed without the brackets of "Vazirmatn[wght].woff2" so its url() needs no
# escaping anywhere.
put "$src/fonts/webfonts/Vazirmatn[wght].woff2" "$dest/Vazirmatn-Variable.woff2"
put "$src/OFL.txt" "$dest/OFL.txt"
put "$src/AUTHORS.txt" "$dest/AUTHORS.txt"
cat >"$dest/vazirmatn.css" <<'CSS'
/* Vazirmatn, self-hosted; written by scripts/vendor_static.sh. */
@font-face {
  font-family: Vazirmatn;
  src: url("Vazirmatn-Variable.woff2") format("woff2-variations"),
    url("Vazirmatn-Variable.woff2") format("woff2");
  font-weight: 100 900;
  font-style: normal;
  font-display: swap;
}
CSS

# --- What is here and why ------------------------------------------------------
cat >"$VENDOR/README.md" <<EOF
# static/vendor

Third-party front-end files, served by the site itself so that no page loads
anything from another host. Do not edit by hand: \`scripts/vendor_static.sh\`
rebuilds this folder from the npm registry (exact versions, integrity-checked),
and running it again gives the same tree.

| folder | npm package | version | licence |
| --- | --- | --- | --- |
| \`tinymce/\` | \`tinymce\` | $TINYMCE_VERSION | GPL-2.0-or-later (used with \`license_key: 'gpl'\`); \`tinymce/license.md\`, bundled libraries in \`tinymce/notices.txt\` |
| \`tinymce/langs/fa.js\` | \`tinymce-i18n\` (\`langs${TINYMCE_VERSION%%.*}/fa.js\`) | $TINYMCE_I18N_VERSION | language pack under TinyMCE's licence; package tooling MIT; \`tinymce/langs/LICENSE.md\`, \`tinymce/langs/NOTICE.md\` |
| \`vazirmatn/\` | \`vazirmatn\` | $VAZIRMATN_VERSION | SIL Open Font License 1.1; \`vazirmatn/OFL.txt\` |

Only what the editor uses is copied: minified TinyMCE core, the \`silver\` theme,
\`dom\` model, default icons, the \`oxide\` UI skin, the \`default\` content skin
and the plugins ${TINYMCE_PLUGINS[*]}. To add a plugin, list it in both
\`scripts/vendor_static.sh\` and \`static/js/editor.js\`.

\`vazirmatn/Vazirmatn-Variable.woff2\` is the package's
\`fonts/webfonts/Vazirmatn[wght].woff2\` (weights 100-900), renamed;
\`vazirmatn/vazirmatn.css\` declares it as \`font-family: Vazirmatn\`.
EOF

echo "static/vendor rebuilt: tinymce $TINYMCE_VERSION, tinymce-i18n" \
    "$TINYMCE_I18N_VERSION, vazirmatn $VAZIRMATN_VERSION ($(du -sh "$VENDOR" | cut -f1))"
