package cn.shequflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Exactly once per event, signed, and never a sensitive variable in a body — against a real SMTP server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MailServiceTest {

  @Autowired MailService mailService;
  @Autowired GreenMail greenMail;
  @Autowired PlatformTransactionManager transactions;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void clear() throws Exception {
    greenMail.purgeEmailFromAllMailboxes();
  }

  @Test
  @DisplayName("同一事件的邮件只发送一次（任务重试时不重复）")
  void sameEventIsSentOnce() {
    Map<String, Object> variables = Map.of("toName", "王芳", "fromName", "张伟", "reason", "病假", "taskCount", 1,
        "taskList", "· 受理并答复居民", "signerName", "刘洋", "signerPost", "社区书记", "communityName", "崔东社区");

    assertThat(mailService.send("test:once", List.of("wangfang@shequ.example"), "handover", variables)).isTrue();
    assertThat(mailService.send("test:once", List.of("wangfang@shequ.example"), "handover", variables)).isFalse();

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  @DisplayName("邮件在调用方事务的最后发出：事务随后失败则不发送、不记录，重试时发送一次")
  void mailGoesOutAtTheEndOfTheCallersTransaction_andNotAtAllWhenItFails() {
    Map<String, Object> variables = Map.of("toName", "王芳", "fromName", "张伟", "reason", "病假", "taskCount", 1,
        "taskList", "· 受理并答复居民", "signerName", "刘洋", "signerPost", "社区书记", "communityName", "崔东社区");
    TransactionTemplate job = new TransactionTemplate(transactions);

    assertThatThrownBy(() -> job.executeWithoutResult(status -> {
      mailService.send("test:rolled-back", List.of("wangfang@shequ.example"), "handover", variables);
      throw new IllegalStateException("任务的后续步骤失败");
    })).hasMessageContaining("后续步骤失败");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
    assertThat(jdbc.queryForObject("select count(*) from mail_log where event_key = 'test:rolled-back'",
        Integer.class)).isZero();

    job.executeWithoutResult(status ->
        mailService.send("test:rolled-back", List.of("wangfang@shequ.example"), "handover", variables));
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  @DisplayName("R-1.2-7 模板引用敏感变量（电话、事项摘要）时拒绝发送")
  void templateNamingASensitiveVariable_isRefused(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("leak.txt"), "主题：测试\n\n电话：{{residentPhone}}");
    Files.writeString(folder.resolve("signature.txt"), "{{signerName}}");
    MailTemplates templates = new MailTemplates(folder);
    MailProperties defaults = new MailProperties("a@b.example", folder.toString(),
        List.of("residentPhone", "summary"));
    Map<String, Object> variables = new java.util.HashMap<>(Map.of("residentPhone", "13941400001", "signerName", "张伟"));
    defaults.neverInBody().forEach(variables::remove);

    assertThatThrownBy(() -> templates.render("leak", variables)).hasMessageContaining("residentPhone");
  }

  @Test
  @DisplayName("R-1.1-2 工作人员发的邮件署名为姓名（职务）、社区和电话；系统提醒由社区服务台署名")
  void mailsAreSignedByWhoeverReallySendsThem() {
    MailTemplates templates = new MailTemplates(Path.of("mail-templates"),
        new MailTemplates.ServiceDesk("本溪市平山区崔东社区", "0414-2812345"));
    Map<String, Object> worker = new java.util.HashMap<>(Map.of("toName", "王芳", "fromName", "张伟", "reason", "病假",
        "taskCount", 1, "taskList", "· 受理并答复居民", "communityName", "本溪市平山区崔东社区"));
    worker.putAll(Map.of("signerName", "刘洋", "signerPost", "社区书记", "signerPhone", "0414-2812300"));
    assertThat(templates.render("handover", worker).body())
        .contains("刘洋（社区书记）").contains("本溪市平山区崔东社区　电话：0414-2812300").doesNotContain("（）");

    Map<String, Object> reminder = new java.util.HashMap<>(Map.of("caseNumber", "JD20260930-00001",
        "categoryName", "一般咨询", "deadlineTasks", "受理并答复居民", "firstResponderName", "张伟"));
    reminder.putAll(Map.of("signerName", "张伟", "signerPost", "网格员（第一网格）", "signerPhone", "0414-2812301"));
    String notice = templates.render("task-due-soon", reminder).body();
    assertThat(notice).contains("本溪市平山区崔东社区服务台").contains("电话：0414-2812345")
        .doesNotContain("张伟（网格员").doesNotContain("署名：");

    Map<String, Object> nobody = new java.util.HashMap<>(worker);
    nobody.putAll(Map.of("signerName", "", "signerPost", "", "signerPhone", ""));
    assertThat(templates.render("handover", nobody).body()).contains("本溪市平山区崔东社区服务台")
        .contains("电话：0414-2812345").doesNotContain("（）");
  }

  @Test
  @DisplayName("每个模板都是中文、以“主题：”开头，且不引用敏感变量")
  void everyTemplateIsChineseAndFreeOfSensitiveVariables() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("mail-templates"))) {
      for (Path file : files.toList()) {
        String text = Files.readString(file);
        if (!file.getFileName().toString().equals("signature.txt")) {
          assertThat(text).as(file.toString()).startsWith(MailTemplates.SUBJECT_PREFIX);
        }
        assertThat(text).as(file.toString()).containsPattern("\\p{IsHan}")
            .doesNotContain("{{residentPhone}}").doesNotContain("{{summary}}").doesNotContain("{{materials}}");
      }
    }
  }
}
