package cn.shequflow.proxyservice;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders the proxy case's paper documents in Chinese, signed by the worker (R-1.1-2), with "本服务免费"
 * (R-3.1.3-7) and signature lines, styled for A4 printing.
 */
@Component
class ProxyDocuments {

  private static final String STYLE = """
      <style>
        @page { size: A4; margin: 18mm; }
        body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
               font-size: 14px; line-height: 1.7; color: #111; max-width: 180mm; margin: 0 auto; }
        h1 { text-align: center; font-size: 22px; letter-spacing: 4px; margin-bottom: 4px; }
        .number { text-align: center; color: #555; margin-top: 0; }
        table { width: 100%; border-collapse: collapse; margin: 12px 0; }
        th, td { border: 1px solid #333; padding: 6px 8px; text-align: left; vertical-align: top; }
        th { width: 24%; background: #f4f4f4; font-weight: normal; }
        .free { font-size: 16px; font-weight: bold; text-align: center; border: 2px solid #c0392b; color: #c0392b;
                padding: 6px; margin: 14px 0; }
        .signatures { display: flex; justify-content: space-between; margin-top: 36px; }
        .signatures div { width: 45%; }
        .line { display: inline-block; min-width: 140px; border-bottom: 1px solid #111; }
        .print { margin: 16px 0; } @media print { .print { display: none; } }
      </style>""";

  String entrustment(Map<String, Object> v) {
    return page("代办委托书及材料接收单", v, """
        <p>委托人（居民）因本人办理确有困难，自愿委托%s（受托人）代为办理下列事项，并提交下列材料。</p>
        <table>
          <tr><th>委托人</th><td>%s</td></tr>
          <tr><th>联系电话</th><td>%s</td></tr>
          <tr><th>住址</th><td>%s</td></tr>
          <tr><th>代办事项</th><td>%s</td></tr>
          <tr><th>办理部门</th><td>%s</td></tr>
          <tr><th>办理依据</th><td>%s</td></tr>
          <tr><th>已接收材料</th><td>%s</td></tr>
          <tr><th>受理时间</th><td>%s</td></tr>
          <tr><th>承诺办结日期</th><td>%s 前（工作日计算）</td></tr>
          <tr><th>部门收费</th><td>%s（由办理部门收取，社区不代收）</td></tr>
        </table>
        <p class="free">本服务免费 · 社区工作者不收取任何费用，不接受任何礼品</p>
        <p>受托人将在承诺日期前办结，并随时告知办理进度；办结后当面交付结果，由委托人签字确认。</p>
        <div class="signatures">
          <div>委托人签字：<span class="line"></span><br>日期：<span class="line"></span></div>
          <div>受托人签字：<span class="line">%s</span><br>日期：<span class="line"></span></div>
        </div>""".formatted(
        esc(v, "communityName") + "工作人员" + esc(v, "firstResponderName"),
        esc(v, "residentName"), esc(v, "residentPhone"), esc(v, "residentAddress"), esc(v, "itemName"),
        esc(v, "department"), esc(v, "basis"), esc(v, "receivedMaterialsText"), esc(v, "acceptedText"),
        esc(v, "promisedDueText"), esc(v, "departmentFee"), esc(v, "firstResponderName")));
  }

  String handover(Map<String, Object> v) {
    return page("代办结果交接单", v, """
        <table>
          <tr><th>委托人（居民）</th><td>%s</td></tr>
          <tr><th>代办事项</th><td>%s</td></tr>
          <tr><th>受理时间</th><td>%s</td></tr>
          <tr><th>承诺办结日期</th><td>%s</td></tr>
          <tr><th>交付的办理结果</th><td>%s</td></tr>
          <tr><th>交付时间</th><td>%s</td></tr>
          <tr><th>签收人</th><td>%s</td></tr>
        </table>
        <p class="free">本服务免费 · 未收取任何费用，未接受任何礼品</p>
        <p>委托人确认已收到上述办理结果，代办服务办结。</p>
        <div class="signatures">
          <div>签收人签字：<span class="line"></span><br>日期：<span class="line"></span></div>
          <div>经办人签字：<span class="line">%s</span><br>日期：<span class="line"></span></div>
        </div>""".formatted(esc(v, "residentName"), esc(v, "itemName"), esc(v, "acceptedText"),
        esc(v, "promisedDueText"), esc(v, "handedOverItems"), esc(v, "handedOverText"), esc(v, "signerName"),
        esc(v, "firstResponderName")));
  }

  private static String page(String title, Map<String, Object> v, String body) {
    return """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="UTF-8"><title>%s %s</title>%s</head>
        <body>
        <p class="print"><button id="print-button" type="button">打印</button></p>
        <script src="/shequ-assets/print.js"></script>
        <h1>%s</h1>
        <p class="number">事项编号：%s　　%s</p>
        %s
        <p style="margin-top:28px;color:#555">经办：%s（%s），%s</p>
        </body></html>
        """.formatted(title, esc(v, "caseNumber"), STYLE, title, esc(v, "caseNumber"), esc(v, "communityName"), body,
        esc(v, "firstResponderName"), esc(v, "firstResponderPost"), esc(v, "communityName"));
  }

  private static String esc(Map<String, Object> v, String key) {
    Object value = v.get(key);
    return value == null ? "" : HtmlUtils.htmlEscape(value.toString());
  }
}
