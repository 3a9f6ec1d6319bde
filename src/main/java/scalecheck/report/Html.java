package scalecheck.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import scalecheck.check.CheckResult;
import scalecheck.check.VerifyOutcome;

/**
 * {@code index.html}: one self-contained page (inline CSS, images as data URIs, a few lines of inline
 * script for the slider, no request to any other place) with the verdict table, the figures and their
 * captions, and the provenance.
 */
final class Html extends ReportPart.Output {
  Html() {
    super("index.html");
  }

  private static final String CSS = """
      body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:0 auto;max-width:1560px;padding:12px 24px;
      color:#222;line-height:1.45}
      h1{font-size:1.7em;margin:.4em 0}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
      table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:4px 9px;text-align:left;
      vertical-align:top}th{background:#f1f1f1}td.num{text-align:right;font-variant-numeric:tabular-nums}
      .PASS{background:#d8f3d8;font-weight:bold}.FAIL{background:#f8d4d4;font-weight:bold}
      .INCONCLUSIVE{background:#fbecc6;font-weight:bold}
      .REFUSED{background:#e4e4e4;font-weight:bold}
      figure{margin:1.2em 0}figure img{max-width:100%;height:auto;border:1px solid #ddd}
      figcaption{max-width:1100px;font-size:.95em;color:#333}
      .skipped{color:#8a5a00}.intro{max-width:1100px}.slider{margin:.6em 0}
      .slider input{width:420px;vertical-align:middle}.slider output{font-weight:bold;margin-left:1em}
      .js .slide{display:none}.js .slide.on{display:block}
      code{background:#f4f4f4;padding:0 3px}
      .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(640px,1fr));gap:0 20px}
      .grid figure{margin:.8em 0}
      """;

  private static final String SCRIPT = """
      (function(){
        var box=document.getElementById('slides');
        if(box){
          var s=box.querySelectorAll('.slide'),r=document.getElementById('alpha-slider'),o=document.getElementById('alpha-label');
          box.classList.add('js');
          function show(i){for(var k=0;k<s.length;k++){s[k].classList.toggle('on',k==i);}o.textContent=s[i].getAttribute('data-label');}
          r.addEventListener('input',function(){show(+r.value);});
          show(+r.value);
        }
        window.addEventListener('load',function(){
          var im=document.images,ok=0;
          for(var i=0;i<im.length;i++){if(im[i].complete&&im[i].naturalWidth>0)ok++;}
          document.body.setAttribute('data-images-loaded',String(ok));
        });
      })();
      """;

  @Override
  String render(ReportPart.Report report) {
    VerifyOutcome o = report.data().outcome();
    List<ReportPart.Rendered> figs = report.figures();
    List<String> skipped = report.skipped();
    StringBuilder b = new StringBuilder(1 << 20);
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>scalecheck report</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
    b.append("<h1>scalecheck report</h1>\n");
    List<CheckResult> checks = report.data().checks();
    long pass = checks.stream().filter(c -> c.verdict() != null && c.verdict().name().equals("PASS")).count();
    b.append("<p>").append(checks.size()).append(" checks: ").append(pass).append(" PASS, ")
        .append(checks.stream().filter(c -> c.verdict() != null && c.verdict().name().equals("FAIL")).count())
        .append(" FAIL, ")
        .append(checks.stream().filter(c -> c.verdict() == null || c.verdict().name().equals("INCONCLUSIVE")).count())
        .append(" INCONCLUSIVE")
        .append(checks.stream().anyMatch(SummaryMd::refused)
            ? ", " + checks.stream().filter(SummaryMd::refused).count() + " REFUSED (bad input, no verdict)" : "")
        .append("; ").append(o.runs() == null ? 0 : o.runs().size())
        .append(" simulation runs. Each check fits the exponent of a measured quantity on log-log axes and compares it "
            + "with the exponent the theory derives exactly.</p>\n");
    b.append("<table id=\"verdicts\"><thead><tr><th>check</th><th>law</th><th>predicted</th><th>raw</th>"
        + "<th>extrapolated</th><th>judged</th><th>interval</th><th>verdict</th><th>reason</th></tr></thead><tbody>\n");
    List<String> files = report.data().files();
    List<String> labels = report.data().labels();
    for (int i = 0; i < checks.size(); i++) {
      CheckResult c = checks.get(i);
      String v = c.verdict() == null ? "INCONCLUSIVE" : c.verdict().name();
      if (SummaryMd.refused(c)) {
        b.append("<tr><td>").append(Fmt.html(labels.get(i))).append("</td><td><code>").append(Fmt.html(c.law()))
            .append("</code></td><td class=\"num\">-</td><td class=\"num\">-</td><td class=\"num\">-</td>")
            .append("<td class=\"REFUSED\">REFUSED</td><td><code>").append(Fmt.html(c.reason()))
            .append("</code></td></tr>\n");
        continue;
      }
      b.append("<tr><td><a href=\"#").append(Fmt.html(files.get(i))).append("\">")
          .append(Fmt.html(labels.get(i))).append("</a></td><td><code>").append(Fmt.html(c.law()))
          .append("</code></td><td class=\"num\">").append(Fmt.html(SummaryMd.predictedText(c)))
          .append("</td><td class=\"num\">").append(Fmt.html(Fmt.num(SummaryMd.raw(c))))
          .append("</td><td class=\"num\">").append(Fmt.html(Fmt.num(SummaryMd.extrapolated(c))))
          .append("</td><td class=\"num\">").append(Fmt.html(Fmt.num(c.fitted())))
          .append("</td><td class=\"num\">").append(Fmt.html(SummaryMd.interval(c)))
          .append("</td><td class=\"").append(v).append("\">").append(v)
          .append(c.negativeControl() ? " (negative control)" : "")
          .append(c.assumptions() != null && !c.assumptions().isEmpty()
              ? " (outside the law's assumptions: " + Fmt.html(String.join(", ", c.assumptions())) + ")" : "")
          .append("</td><td>").append(Fmt.html(c.reason())).append("</td></tr>\n");
    }
    b.append("</tbody></table>\n");

    Map<Section, List<ReportPart.Rendered>> bySection = new LinkedHashMap<>();
    for (Section sec : report.sections()) bySection.put(sec, new ArrayList<>());
    for (ReportPart.Rendered r : figs) bySection.computeIfAbsent(r.figure().section(), k -> new ArrayList<>()).add(r);
    for (Map.Entry<Section, List<ReportPart.Rendered>> e : bySection.entrySet()) section(b, e.getKey(), e.getValue());
    if (!skipped.isEmpty()) {
      b.append("<h2>Plots not drawn</h2>\n<ul class=\"skipped\">\n");
      for (String s : skipped) b.append("<li>").append(Fmt.html(s)).append("</li>\n");
      b.append("</ul>\n");
    }
    b.append("<h2>Provenance</h2>\n<table id=\"provenance\"><tbody>\n");
    for (String[] kv : SummaryMd.provenanceRows(o.provenance())) {
      b.append("<tr><th>").append(Fmt.html(kv[0])).append("</th><td><code>").append(Fmt.html(kv[1]))
          .append("</code></td></tr>\n");
    }
    b.append("</tbody></table>\n<p>Files beside this page: <code>report.json</code> (every verdict, machine readable), "
        + "<code>runs.csv</code> (one row per run), <code>results.jsonl</code> (raw runs), <code>summary.md</code>, "
        + "and each figure as PNG and SVG under <code>plots/</code>.</p>\n");
    b.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return b.toString();
  }

  private static void section(StringBuilder b, Section sec, List<ReportPart.Rendered> rs) {
    if (rs.isEmpty() && sec.empty() == null) return;
    b.append("<h2>").append(Fmt.html(sec.title())).append("</h2>\n");
    if (sec.intro() != null) b.append(sec.intro());
    if (sec.slider() != null) {
      slider(b, sec, rs.stream().filter(r -> r.figure().slide() != null).toList());
      return;
    }
    if (rs.isEmpty()) {
      b.append(sec.empty());
      return;
    }
    if (sec.grid()) b.append("<div class=\"grid\">\n");
    for (ReportPart.Rendered r : rs) figure(b, r);
    if (sec.grid()) b.append("</div>\n");
  }

  /** The figures one at a time, with a slider over their labels. */
  private static void slider(StringBuilder b, Section sec, List<ReportPart.Rendered> slides) {
    if (slides.isEmpty()) {
      if (sec.empty() != null) b.append(sec.empty());
      return;
    }
    int start = 0;
    for (int i = 0; i < slides.size(); i++) {
      if (slides.get(i).figure().slide().startsWith(sec.slider().start())) start = i;
    }
    b.append("<div class=\"slider\"><label for=\"alpha-slider\">").append(sec.slider().left())
        .append("</label><input type=\"range\" id=\"alpha-slider\" min=\"0\" max=\"").append(slides.size() - 1)
        .append("\" step=\"1\" value=\"").append(start).append("\">").append(sec.slider().right())
        .append("<output id=\"alpha-label\">").append(Fmt.html(slides.get(start).figure().slide()))
        .append("</output></div>\n<div id=\"slides\">\n");
    for (ReportPart.Rendered r : slides) {
      b.append("<div class=\"slide\" data-label=\"").append(Fmt.html(r.figure().slide())).append("\">");
      figure(b, r);
      b.append("</div>\n");
    }
    b.append("</div>\n");
  }

  private static void figure(StringBuilder b, ReportPart.Rendered r) {
    Figure f = r.figure();
    b.append("<figure id=\"").append(Fmt.html(f.file())).append("\"><img alt=\"").append(Fmt.html(f.title()))
        .append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height())
        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(r.png()))
        .append("\"><figcaption>").append(Fmt.html(f.caption())).append(" <a href=\"plots/")
        .append(Fmt.html(f.file())).append(".svg\">SVG</a></figcaption></figure>\n");
  }
}
