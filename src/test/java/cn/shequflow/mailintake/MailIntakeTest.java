package cn.shequflow.mailintake;

import static cn.shequflow.EngineTestSupport.setClock;
import static cn.shequflow.EngineTestSupport.shanghai;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shequflow.DemoRest;
import cn.shequflow.EngineTestSupport;
import cn.shequflow.calendar.WorkingDayCalendar;
import cn.shequflow.organisation.Organisation;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 16 item 2: mails sent with a real SMTP client to GreenMail, taken over IMAP by the real poller, the case
 * claimed and answered, the answer received in the resident's thread, the resident's reply threaded onto the case.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MailIntakeTest {

  private static final String MAILBOX = "shequ@shequ.example";

  @Autowired MailboxPoller poller;
  @Autowired MailIntakeDesk desk;
  @Autowired MailIntakeProperties properties;
  @Autowired GreenMail greenMail;
  @Autowired TaskService taskService;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired Organisation organisation;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void monday() throws Exception {
    EngineTestSupport.drainLeftovers(managementService);
    setClock(shanghai(2026, 12, 7, 10, 0));
    poller.poll(); // whatever an earlier test left in the mailbox, so each test counts only its own mails
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // --- a real SMTP client ---------------------------------------------------------------------------------------

  private MimeMessage mail(String from, String name, String subject) throws Exception {
    Properties settings = new Properties();
    settings.put("mail.smtp.host", "127.0.0.1");
    settings.put("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
    MimeMessage message = new MimeMessage(Session.getInstance(settings)) {
      @Override
      protected void updateMessageID() throws jakarta.mail.MessagingException {
        if (getHeader("Message-ID") == null) { // Transport.send saves again: keep the ID it was given
          super.updateMessageID();
        }
      }
    };
    message.setFrom(new InternetAddress(from, name, "UTF-8"));
    message.setRecipients(Message.RecipientType.TO, MAILBOX);
    message.setSubject(subject, "UTF-8");
    message.setSentDate(ClockUtil.getCurrentTime());
    return message;
  }

  private static String send(MimeMessage message) throws Exception {
    message.saveChanges();
    String id = message.getMessageID();
    Transport.send(message);
    return id;
  }

  private String sendText(String from, String name, String subject, String text, String inReplyTo) throws Exception {
    MimeMessage message = mail(from, name, subject);
    message.setText(text, "UTF-8");
    if (inReplyTo != null) {
      message.setHeader("In-Reply-To", inReplyTo);
      message.setHeader("References", inReplyTo);
    }
    return send(message);
  }

  private List<MimeMessage> inbox(String address) {
    return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(address));
      } catch (Exception e) {
        return false;
      }
    }).toList();
  }

  private static String body(MimeMessage message) throws Exception {
    return message.getContent().toString();
  }

  private String caseOf(String residentEmail) {
    return jdbc.queryForObject("select case_number from mail_intake_message where resident_email = ? "
        + "and direction = 'in' order by id fetch first 1 rows only", String.class, residentEmail);
  }

  private int casesFrom(String residentEmail) {
    return jdbc.queryForObject("select count(distinct case_number) from mail_intake_message where resident_email = ? "
        + "and direction = 'in'", Integer.class, residentEmail);
  }

  /** A first mail from the resident, taken by a poll: its case number. */
  private String newCase(String resident, String name, String subject, String text) throws Exception {
    sendText(resident, name, subject, text, null);
    assertThat(poller.poll().cases()).isEqualTo(1);
    EngineTestSupport.runAsyncSteps(managementService); // the receipt, the model's asynchronous step
    return caseOf(resident);
  }

  private void claim(Task task) {
    organisation.runAs("zhangwei", () -> {
      taskService.claim(task.getId(), "zhangwei");
      return null;
    });
  }

  private Task handleTask(String caseNumber) {
    return taskService.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey("Task_HandleMatter")
        .singleResult();
  }

  // --- the tests ------------------------------------------------------------------------------------------------

  @Test
  @DisplayName("R-3.1.1-3 R-4.2-4 居民来信：1分钟内进入新留言与邮件、1个工作日答复期限；回执告知编号和查询码；"
      + "居民回复记入原事项并生成首问责任人任务；答复在同一邮件线索中送达")
  void aMail_becomesAnIntakeCase_isAnsweredInItsThread_andTheResidentsReplyLandsOnIt() throws Exception {
    String resident = "liming.thread@resident.example";
    String first = sendText(resident, "李明", "3号楼楼道灯坏了", "您好，3号楼2单元楼道灯坏了一周了，晚上很黑。", null);

    // the demo walk: the demo polls every 30 s (tests poll themselves), so within a minute a worker sees the mail
    var demo = new org.springframework.beans.factory.config.YamlPropertiesFactoryBean();
    demo.setResources(new org.springframework.core.io.ClassPathResource("application.yaml"));
    assertThat(Duration.parse(demo.getObject().getProperty("shequ.mail-intake.interval")))
        .isLessThanOrEqualTo(Duration.ofMinutes(1));
    assertThat(poller.poll().cases()).isEqualTo(1);
    String number = caseOf(resident);
    Task task = handleTask(number);
    assertThat(EngineTestSupport.runAsyncSteps(managementService)).isEqualTo(1); // the receipt (Task_MailReceipt)
    assertThat(taskService.getIdentityLinksForTask(task.getId()))
        .anyMatch(l -> Organisation.INTAKE.equals(l.getGroupId()));
    assertThat(organisation.runAs("lina", () -> taskService.createTaskQuery().processInstanceBusinessKey(number)
        .count())).isEqualTo(1);
    Map<String, Object> variables = taskService.getVariables(task.getId());
    assertThat(variables).containsEntry("channel", "email").containsEntry("residentName", "李明")
        .containsEntry("residentEmail", resident).containsEntry("grid", Organisation.INTAKE);
    assertThat((String) variables.get("summary")).contains("3号楼楼道灯坏了").contains("晚上很黑");
    Date oneWorkingDay = workingDays.deadline(shanghai(2026, 12, 7, 10, 0), 1);
    assertThat(task.getDueDate()).isEqualTo(oneWorkingDay).isEqualTo(shanghai(2026, 12, 8, 17, 0));

    // the receipt: in the resident's thread, with the number, the deadline and the lookup code
    MimeMessage receipt = inbox(resident).get(0);
    assertThat(receipt.getSubject()).isEqualTo("Re: 3号楼楼道灯坏了（事项编号 " + number + "）");
    assertThat(receipt.getHeader("In-Reply-To")[0]).isEqualTo(first);
    assertThat(receipt.getReplyTo()[0].toString()).isEqualTo(MAILBOX);
    String code = jdbc.queryForObject("select lookup_code from mail_intake_case where case_number = ?", String.class,
        number);
    assertThat(body(receipt)).contains(number).contains(code).contains("/public/lookup")
        .contains(workingDays.text(oneWorkingDay));
    JsonNode lookup = DemoRest.read(rest.getForEntity("/api/public/cases/" + number + "?phoneTail=" + code,
        String.class));
    assertThat(lookup.get("status").asText()).isEqualTo("已收到，等待社区工作人员受理");
    assertThat(lookup.toString()).doesNotContain(resident).doesNotContain("李明");

    claim(task);

    // the resident answers the receipt: onto the case, a task for the holder, no new case
    String reply = sendText(resident, "李明", "Re: " + receipt.getSubject(), "补充：2单元和3单元的灯都不亮。",
        receipt.getMessageID());
    MailboxPoller.Poll second = poller.poll();
    assertThat(second.replies()).isEqualTo(1);
    assertThat(second.cases()).isZero();
    assertThat(casesFrom(resident)).isEqualTo(1);
    Task read = taskService.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey("Task_ReadResidentReply").singleResult();
    assertThat(read.getAssignee()).isEqualTo("zhangwei");
    assertThat(taskService.getVariable(read.getId(), "residentReplyText")).isEqualTo("补充：2单元和3单元的灯都不亮。");
    assertThat(taskService.getTaskComments(task.getId())).extracting(Comment::getFullMessage)
        .anyMatch(c -> c.contains("补充：2单元和3单元的灯都不亮"));
    organisation.runAs("zhangwei", () -> {
      taskService.complete(read.getId(), Map.of("residentReplyNote", "已一并安排检修"));
      taskService.complete(task.getId(), Map.of("outcome", "answered", "answer", "已安排电工今天下午修理两个单元的楼道灯。"));
      return null;
    });
    EngineTestSupport.runAsyncSteps(managementService);

    // the answer: the same thread, answering the resident's latest mail
    List<MimeMessage> received = inbox(resident);
    assertThat(received).hasSize(2);
    MimeMessage answer = received.get(1);
    assertThat(answer.getSubject()).isEqualTo("Re: 3号楼楼道灯坏了（事项编号 " + number + "）");
    assertThat(answer.getHeader("In-Reply-To")[0]).isEqualTo(reply);
    assertThat(answer.getHeader("References")[0]).contains(first).contains(receipt.getMessageID()).contains(reply);
    assertThat(body(answer)).contains("已安排电工今天下午修理").contains("张伟");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(number).count()).isZero();
    JsonNode closed = DemoRest.read(rest.getForEntity("/api/public/cases/" + number + "?phoneTail=" + code,
        String.class));
    assertThat(closed.get("status").asText()).isEqualTo("已办结");

    // a reply after the case is closed: a new case that names the earlier one
    sendText(resident, "李明", "Re: " + answer.getSubject(), "谢谢，灯已经修好了。", answer.getMessageID());
    assertThat(poller.poll().cases()).isEqualTo(1);
    assertThat(casesFrom(resident)).isEqualTo(2);
  }

  @Test
  @DisplayName("R-3.1.1-3 主题写明事项编号：本事项居民的邮件记入原事项；他人引用该编号不能写入别人的事项，另立新事项")
  void aCaseNumberInTheSubject_threadsOnlyTheCasesOwnResident() throws Exception {
    String resident = "wangfang.subject@resident.example";
    String number = newCase(resident, "王芳", "咨询活动室开放时间", "请问社区活动室周末开放吗？");
    Task task = handleTask(number);
    claim(task);

    sendText(resident, "王芳", "关于事项 " + number + " 的补充", "周日下午也想去。", null);
    String stranger = "stranger.subject@elsewhere.example";
    sendText(stranger, "某人", "关于事项 " + number, "我也要写进这个事项。", null);
    MailboxPoller.Poll poll = poller.poll();

    assertThat(poll.replies()).isEqualTo(1);
    assertThat(poll.cases()).isEqualTo(1);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(number)
        .taskDefinitionKey("Task_ReadResidentReply").count()).isEqualTo(1);
    assertThat(caseOf(stranger)).isNotEqualTo(number);
    runtimeService.deleteProcessInstance(task.getProcessInstanceId(), "测试结束");
  }

  @Test
  @DisplayName("R-4.1-1 事项还在新留言与邮件中待认领时居民回复：记为待认领任务上的留言，不另建任务，认领人一并查阅")
  void aReplyWhileTheCaseWaitsInTheQueue_isACommentForWhoeverClaimsIt() throws Exception {
    String resident = "queued.reply@resident.example";
    String number = newCase(resident, "钱进", "噪音扰民", "楼下商铺晚上很吵。");
    MimeMessage receipt = inbox(resident).get(0);
    sendText(resident, "钱进", "Re: " + receipt.getSubject(), "一般在晚上十点以后。", receipt.getMessageID());

    assertThat(poller.poll().replies()).isEqualTo(1);
    List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(number).list();
    assertThat(tasks).extracting(Task::getTaskDefinitionKey).containsExactly("Task_HandleMatter");
    assertThat(taskService.getTaskComments(tasks.get(0).getId())).extracting(Comment::getFullMessage)
        .anyMatch(c -> c.startsWith("居民邮件回复") && c.contains("一般在晚上十点以后"));
    runtimeService.deleteProcessInstance(tasks.get(0).getProcessInstanceId(), "测试结束");
  }

  @Test
  @DisplayName("R-3.1.1-3 发件人和主题是未编码的 UTF-8（部分手机邮件应用如此发送）：照样立案，姓名、主题、正文完整")
  void aMailWithRawUtf8Headers_isTakenAll_the_same() throws Exception {
    String resident = "raw.utf8@resident.example";
    String raw = "From: 周丽华 <" + resident + ">\r\nTo: " + MAILBOX + "\r\nSubject: 楼下路灯坏了\r\n"
        + "Message-ID: <raw-utf8-1@resident.example>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "5号楼2单元门口的路灯坏了三天了，请尽快维修。\r\n";
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", greenMail.getSmtp().getPort())) {
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), UTF_8));
      var out = socket.getOutputStream();
      reply(in);
      for (String line : new String[] {"HELO resident.example", "MAIL FROM:<" + resident + ">",
          "RCPT TO:<" + MAILBOX + ">", "DATA"}) {
        out.write((line + "\r\n").getBytes(UTF_8));
        out.flush();
        reply(in);
      }
      out.write((raw + ".\r\n").getBytes(UTF_8));
      out.flush();
      assertThat(reply(in)).startsWith("250");
      out.write("QUIT\r\n".getBytes(UTF_8));
    }

    assertThat(poller.poll().cases()).isEqualTo(1);
    Task task = handleTask(caseOf(resident));
    assertThat(taskService.getVariable(task.getId(), "residentName")).isEqualTo("周丽华");
    assertThat((String) taskService.getVariable(task.getId(), "summary")).contains("楼下路灯坏了")
        .contains("5号楼2单元门口的路灯坏了三天了");
  }

  /** The last line of an SMTP reply ("250-…" lines continue it). */
  private static String reply(java.io.BufferedReader in) throws java.io.IOException {
    String line;
    do {
      line = in.readLine();
    } while (line != null && line.length() > 3 && line.charAt(3) == '-');
    return line;
  }

  @Test
  @DisplayName("R-3.1.1-3 只有 HTML 的邮件转为纯文本：段落保留，脚本和标记不进入事项")
  void anHtmlOnlyMail_isReducedToText() throws Exception {
    String resident = "html.only@resident.example";
    MimeMessage message = mail(resident, "赵强", "小区垃圾清运");
    message.setContent("<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        + "<p>垃圾桶<b>三天</b>没清运了。</p><p>第二段&amp;说明<br>换行</p><img src=x onerror=alert(1)></body></html>",
        "text/html; charset=UTF-8");
    send(message);

    assertThat(poller.poll().cases()).isEqualTo(1);
    String summary = (String) taskService.getVariable(handleTask(caseOf(resident)).getId(), "summary");
    assertThat(summary).contains("垃圾桶三天没清运了。").contains("第二段&说明\n换行")
        .doesNotContain("<").doesNotContain("alert").doesNotContain("color");
  }

  @Test
  @DisplayName("R-3.1.1-3 附件：允许的保存在应用表中；可执行文件和超过大小上限的拒收并在事项和回执中写明，不悄悄丢失")
  void attachments_areKeptWithinTheLimits_andRefusedPartsAreNoted() throws Exception {
    String resident = "attach.limits@resident.example";
    MimeMessage message = mail(resident, "孙丽", "低保材料");
    Multipart parts = new MimeMultipart();
    MimeBodyPart text = new MimeBodyPart();
    text.setText("附上申请材料。", "UTF-8");
    parts.addBodyPart(text);
    byte[] pdf = "%PDF-1.4 申请表".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    parts.addBodyPart(attachment("申请表.pdf", "application/pdf", pdf));
    parts.addBodyPart(attachment("setup.exe", "application/octet-stream", new byte[] {'M', 'Z'}));
    byte[] big = new byte[(int) properties.maxAttachmentSize().toBytes() + 1];
    parts.addBodyPart(attachment("照片.jpg", "image/jpeg", big));
    message.setContent(parts);
    send(message);

    assertThat(poller.poll().cases()).isEqualTo(1);
    EngineTestSupport.runAsyncSteps(managementService);
    String number = caseOf(resident);
    List<Map<String, Object>> rows = jdbc.queryForList("select file_name, content_type, size_bytes, content, refused "
        + "from mail_intake_attachment where case_number = ? order by id", number);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).containsEntry("file_name", "申请表.pdf").containsEntry("refused", null);
    assertThat((byte[]) rows.get(0).get("content")).isEqualTo(pdf);
    assertThat(rows.get(1)).containsEntry("file_name", "setup.exe").containsEntry("content", null);
    assertThat((String) rows.get(1).get("refused")).contains("不接受此类文件");
    assertThat((String) rows.get(2).get("refused")).contains("文件过大");
    assertThat(((Number) rows.get(2).get("size_bytes")).longValue()).isEqualTo(big.length);
    String summary = (String) taskService.getVariable(handleTask(number).getId(), "summary");
    assertThat(summary).contains("附上申请材料").contains("申请表.pdf").contains("setup.exe：不接受此类文件")
        .contains("照片.jpg：文件过大");
    assertThat(body(inbox(resident).get(0))).contains("setup.exe").contains("照片.jpg");

    // the workers read them: every grid while the case waits, then only the claimer's grid; always as a download
    assertThat(as("lina", "/api/cases/" + number + "/mail-attachments").getStatusCode()).isEqualTo(HttpStatus.OK);
    Task task = handleTask(number);
    claim(task);
    JsonNode listed = DemoRest.read(as("zhangwei", "/api/cases/" + number + "/mail-attachments"));
    assertThat(listed).hasSize(3);
    assertThat(listed.get(1).get("refused").asText()).contains("不接受此类文件");
    ResponseEntity<byte[]> file = rest.exchange("/api/cases/" + number + "/mail-attachments/"
        + listed.get(0).get("id").asLong(), org.springframework.http.HttpMethod.GET, auth("zhangwei"), byte[].class);
    assertThat(file.getBody()).isEqualTo(pdf);
    assertThat(file.getHeaders().getFirst("Content-Disposition")).startsWith("attachment");
    assertThat(file.getHeaders().getContentType().toString()).isEqualTo("application/octet-stream");
    assertThat(as("zhangwei", "/api/cases/" + number + "/mail-attachments/" + listed.get(1).get("id").asLong())
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> otherGrid = as("lina", "/api/cases/" + number + "/mail-attachments/"
        + listed.get(0).get("id").asLong());
    assertThat(otherGrid.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(otherGrid.getBody()).contains("无权查看");
    assertThat(rest.getForEntity("/api/cases/" + number + "/mail-attachments", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    runtimeService.deleteProcessInstance(task.getProcessInstanceId(), "测试结束");
  }

  private static org.springframework.http.HttpEntity<Void> auth(String user) {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.setBasicAuth(user, "demo", java.nio.charset.StandardCharsets.UTF_8);
    return new org.springframework.http.HttpEntity<>(headers);
  }

  private ResponseEntity<String> as(String user, String path) {
    return rest.exchange(path, org.springframework.http.HttpMethod.GET, auth(user), String.class);
  }

  private static MimeBodyPart attachment(String name, String type, byte[] content) throws Exception {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
    part.setFileName(jakarta.mail.internet.MimeUtility.encodeText(name, "UTF-8", "B"));
    part.setDisposition(MimeBodyPart.ATTACHMENT);
    return part;
  }

  @Test
  @DisplayName("R-3.1.1-3 取信后、立案前崩溃（含立案后提交前）：下一次收取（重启后的新收取器）恰好立案一次，回执只发一次；同一封信再投递不重复立案")
  void aCrashBetweenFetchAndCaseStart_neitherLosesNorDuplicatesTheMail() throws Exception {
    String resident = "crash.restart@resident.example";
    String id = sendText(resident, "周华", "路灯不亮", "小区东门路灯不亮。", null);

    assertThatThrownBy(() -> poller.poll(stage -> {
      if ("fetched".equals(stage)) {
        throw new MailboxPoller.SimulatedCrash(stage);
      }
    })).isInstanceOf(MailboxPoller.SimulatedCrash.class);
    assertThat(casesFrom(resident)).isZero();

    // killed after the case was started, before the commit: the case, the row and the receipt all roll back
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("reception").count();
    assertThatThrownBy(() -> poller.poll(stage -> {
      if ("before-commit".equals(stage)) {
        throw new MailboxPoller.SimulatedCrash(stage);
      }
    })).isInstanceOf(MailboxPoller.SimulatedCrash.class);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("reception").count())
        .isEqualTo(before);
    assertThat(casesFrom(resident)).isZero();
    assertThat(inbox(resident)).isEmpty();

    // the app restarted: a new poller with nothing in memory takes the mail exactly once
    MailboxPoller restarted = new MailboxPoller(properties, desk);
    assertThat(restarted.poll().cases()).isEqualTo(1);
    EngineTestSupport.runAsyncSteps(managementService);
    assertThat(restarted.poll().cases()).isZero();
    assertThat(poller.poll().cases()).isZero();
    EngineTestSupport.runAsyncSteps(managementService);
    assertThat(casesFrom(resident)).isEqualTo(1);
    assertThat(inbox(resident)).hasSize(1);
    assertThat(jdbc.queryForObject("select count(*) from mail_intake_uid where message_id = ?", Integer.class, id))
        .isEqualTo(1);

    // the same mail delivered a second time (a new UID, the same Message-ID): no second case
    MimeMessage copy = mail(resident, "周华", "路灯不亮");
    copy.setText("小区东门路灯不亮。", "UTF-8");
    copy.setHeader("Message-ID", id);
    Transport.send(copy);
    MailboxPoller.Poll again = poller.poll();
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(again.cases()).isZero();
    assertThat(casesFrom(resident)).isEqualTo(1);
  }

  @Test
  @DisplayName("R-4.2-4 邮件事项的查询码错误与不存在的编号回答相同（404）")
  void aWrongLookupCode_answersAsAMissingCase() throws Exception {
    String resident = "lookup.code@resident.example";
    String number = newCase(resident, "吴敏", "咨询", "请问办居住证要带什么？");
    String code = jdbc.queryForObject("select lookup_code from mail_intake_case where case_number = ?", String.class,
        number);
    String wrong = String.format("%04d", (Integer.parseInt(code) + 1) % 10_000);
    ResponseEntity<String> refused = rest.getForEntity("/api/public/cases/" + number + "?phoneTail=" + wrong,
        String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(refused.getBody()).contains("没有找到该事项");
  }
}
