package io.github.gradcheck.report;

import io.github.gradcheck.check.Verdict;

/** Escaping, and the inline style and script of the HTML report. */
final class Html {

    private Html() {
    }

    static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String attr(String s) {
        return text(s);
    }

    /** {@code pass}, {@code fail} or {@code inconclusive}: the CSS class of a verdict. */
    static String verdictClass(Verdict v) {
        return switch (v) {
            case PASS -> "pass";
            case FAIL -> "fail";
            case INCONCLUSIVE -> "inconclusive";
        };
    }

    static final String STYLE = """
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #212121; max-width: 1200px; }
            h1 { font-size: 1.4em; margin-bottom: .2em; }
            h2 { font-size: 1.15em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
            code, pre, td { font-family: ui-monospace, monospace; }
            dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
            dt { font-weight: bold; }
            .verdict { font-size: 1.1em; font-weight: bold; padding: .4em .6em; border-radius: 4px; display: inline-block; }
            .verdict.pass { background: #e8f5e9; color: #1b5e20; }
            .verdict.fail { background: #ffebee; color: #b71c1c; }
            .verdict.inconclusive { background: #fff8e1; color: #8d6e00; }
            li.diagnosis { margin-bottom: .6em; }
            li.diagnosis.origin { font-weight: bold; }
            li.diagnosis .kind { background: #b71c1c; color: white; border-radius: 3px; padding: 0 .4em; font-size: .85em; }
            li.diagnosis.consequence .kind { background: #9e9e9e; }
            .evidence { font-weight: normal; font-size: .9em; color: #555; margin-top: .2em; }
            .note { color: #666; font-weight: normal; }
            .legend .key { padding: 0 .4em; border: 2px solid; border-radius: 3px; }
            .key.pass { border-color: #2e7d32; background: #e8f5e9; }
            .key.fail { border-color: #c62828; background: #ffebee; }
            .key.inconclusive { border-color: #f9a825; background: #fff8e1; }
            .key.blame { border: 4px solid #4a148c; }
            svg.graph { border: 1px solid #eee; background: #fcfcfc; max-width: 100%; height: auto; }
            svg .node rect { stroke-width: 2; rx: 6; }
            svg .node.pass rect { fill: #e8f5e9; stroke: #2e7d32; }
            svg .node.fail rect { fill: #ffcdd2; stroke: #c62828; }
            svg .node.inconclusive rect { fill: #fff8e1; stroke: #f9a825; }
            svg .node.blame rect { stroke: #4a148c; stroke-width: 5; }
            svg .node text { font-size: 13px; text-anchor: middle; font-family: ui-monospace, monospace; }
            svg .node text.tag { font-size: 11px; fill: #4a148c; font-weight: bold; }
            svg .node.selected rect { stroke-dasharray: 5 3; }
            svg .edge { stroke: #757575; stroke-width: 1.5; fill: none; }
            svg .edge.fail { stroke: #c62828; stroke-width: 3; }
            table { border-collapse: collapse; margin-bottom: 1em; }
            table.nodes td, table.nodes th { border: 1px solid #ddd; padding: .2em .5em; text-align: left; }
            tr.fail td { background: #ffebee; }
            tr.inconclusive td { background: #fff8e1; }
            tr.blame td:first-child { border-left: 5px solid #4a148c; font-weight: bold; }
            tr.selected td { outline: 2px dashed #4a148c; }
            p.edge.fail { color: #b71c1c; }
            .heatmap { display: inline-block; vertical-align: top; margin: 0 1.5em 1em 0; }
            .heatmap table td { width: 1.6em; height: 1.6em; border: 1px solid #fff; padding: 0; }
            .heatmap table td.fail { border: 2px solid #000; }
            .heatmap caption { text-align: left; font-weight: bold; }
            .scale span { display: inline-block; width: 3.2em; text-align: center; font-size: .75em; white-space: nowrap; }
            .heatmap caption { white-space: nowrap; }
            """;

    static final String SCRIPT = """
            (function () {
              var body = document.body;
              function select(name) {
                document.querySelectorAll('.selected').forEach(function (e) { e.classList.remove('selected'); });
                document.querySelectorAll('[data-node]').forEach(function (e) {
                  if (e.getAttribute('data-node') === name && !e.matches('body')) { e.classList.add('selected'); }
                });
              }
              document.querySelectorAll('svg .node').forEach(function (g) {
                g.addEventListener('click', function () { select(g.getAttribute('data-node')); });
              });
              var blame = body.getAttribute('data-blame');
              if (blame !== null) {
                var node = null;
                document.querySelectorAll('svg .node').forEach(function (g) {
                  if (g.getAttribute('data-node') === blame) { node = g; }
                });
                if (node !== null) {
                  var box = node.getBoundingClientRect();
                  var visible = box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                      && box.left < window.innerWidth && window.getComputedStyle(node).visibility !== 'hidden';
                  body.setAttribute('data-blame-visible', visible ? 'true' : 'false');
                  select(blame);
                } else {
                  body.setAttribute('data-blame-visible', 'false');
                }
              }
              body.setAttribute('data-rendered', 'true');
            })();
            """;
}
