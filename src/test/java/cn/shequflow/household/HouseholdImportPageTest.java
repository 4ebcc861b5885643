package cn.shequflow.household;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.RawHttp;
import cn.shequflow.StaffSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The staff page of the household import (issue 13 item 9, /staff/households/import) over real HTTP: a manager
 * logged in to Tasklist uploads an .xlsx, follows the progress and reads the result or every row error in Chinese;
 * an unreadable file is refused at once with 400; only managers and administrators may import; a form without the
 * session's token is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HouseholdImportPageTest {

  private static final String PAGE = "/staff/households/import";
  private static final List<Object> HEADER = List.of("户编号", "网格", "地址", "户主姓名", "联系电话", "微信", "QQ", "家庭人口", "特殊类型");
  /** Latin words a Chinese import page may show: file types, encodings and the QQ column. */
  private static final String[] ALLOWED = {"Excel", "xlsx", "xls", "CSV", "UTF", "GBK", "QQ"};

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired HouseholdRepository repository;
  @Autowired ImportJobs jobs;
  @Autowired HouseholdImportController.UploadTooLarge uploadTooLarge;

  private long lastIdBefore;

  @BeforeEach
  void rememberLastId() {
    lastIdBefore = jdbc.queryForObject("select coalesce(max(id), 0) from household", Long.class);
  }

  @AfterEach
  void removeOurHouseholds() {
    jdbc.update("delete from household where id > ?", lastIdBefore);
  }

  @Test
  @DisplayName("issue 13 住户导入页面：书记在任务列表的会话中上传 .xlsx，转到进度页，导入完成后显示新增户数、导入人姓名和北京时间")
  void managerUploadsXlsx_seesTheResultWithNameAndBeijingTime() throws Exception {
    StaffSession liuyang = StaffSession.tasklist(port, "liuyang");
    RawHttp.Response form = liuyang.get(PAGE);
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains("住户导入", "上传并导入", "enctype=\"multipart/form-data\"", "刘洋");
    assertThat(chinese(form.body(), ALLOWED)).isEmpty();

    byte[] sheet = xlsx(List.of(HEADER,
        List.of("P1-001", "第一网格", "本溪市平山区崔东街道东兴路12号楼3单元502室", "孙桂兰", "13941400001", "", "", 1, "独居老人"),
        List.of("P1-002", "grid-2", "本溪市平山区崔东街道胜利路3号楼1单元101室", "周建国", "13941400002", "", "", 3, "")));
    RawHttp.Response upload = liuyang.upload(PAGE, liuyang.withToken(PAGE, Map.of()), "第一批住户.xlsx", sheet);

    assertThat(upload.status()).isEqualTo(303);
    String location = upload.header("Location");
    assertThat(location).contains(PAGE + "/");
    String jobId = location.substring(location.lastIndexOf('/') + 1);
    jobs.get(jobId).result.get(30, TimeUnit.SECONDS);

    RawHttp.Response done = liuyang.get(PAGE + "/" + jobId);
    assertThat(done.status()).isEqualTo(200);
    String text = StaffSession.visibleText(done.body());
    assertThat(text).contains("第一批住户.xlsx", "已完成", "导入完成：共 2 行，新增 2 户", "导入人 刘洋")
        .doesNotContain("liuyang").doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d{3}")
        .containsPattern("开始时间 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}（北京时间）");
    assertThat(done.body()).doesNotContain("http-equiv=\"refresh\"");
    assertThat(chinese(done.body(), ALLOWED)).isEmpty();
    assertThat(repository.findByNumber("P1-001").orElseThrow().specialTypes()).containsExactly("livingAlone");
    assertThat(repository.findByNumber("P1-002").orElseThrow().grid()).isEqualTo("grid-2");

    assertThat(liuyang.get(PAGE).body()).as("最近的导入").contains("第一批住户.xlsx", "导入完成：共 2 行");
  }

  @Test
  @DisplayName("issue 13 住户导入页面：有错误的行全部列出（中文、带行号），整个文件不导入，页面回答 422")
  void rowErrors_areListedInChineseWithRowNumbers_nothingIsWritten() throws Exception {
    StaffSession liuyang = StaffSession.basic(port, "liuyang");
    byte[] sheet = xlsx(List.of(HEADER,
        List.of("P2-001", "第九网格", "本溪市平山区崔东街道东兴路1号", "王秀兰", "13941400003", "", "", 2, ""),
        List.of("P2-002", "第一网格", "本溪市平山区崔东街道东兴路2号", "李建华", "12345", "", "", 2, ""),
        List.of("P2-003", "第一网格", "本溪市平山区崔东街道东兴路3号", "赵淑珍", "13941400005", "", "", 1, "外星人")));
    RawHttp.Response upload = liuyang.upload(PAGE, liuyang.withToken(PAGE, Map.of()), "有错的住户.xlsx", sheet);
    assertThat(upload.status()).isEqualTo(303);
    String jobId = upload.header("Location").substring(upload.header("Location").lastIndexOf('/') + 1);
    jobs.get(jobId).result.get(30, TimeUnit.SECONDS);

    RawHttp.Response result = liuyang.get(PAGE + "/" + jobId);
    assertThat(result.status()).isEqualTo(422);
    String text = StaffSession.visibleText(result.body());
    assertThat(text).contains("未导入", "导入失败：发现 3 处错误，未写入任何数据", "第2行：", "第3行：", "第4行：");
    assertThat(chinese(result.body(), ALLOWED)).isEmpty();
    assertThat(repository.findByNumber("P2-001")).isEmpty();
    assertThat(repository.findByNumber("P2-002")).isEmpty();
  }

  @Test
  @DisplayName("issue 13 住户导入页面：进行中显示进度（阶段、已处理行数）并每 2 秒自动刷新；排在后面的显示排队中")
  void runningImport_showsProgressAndRefreshes_queuedOneWaits() throws Exception {
    CountDownLatch reported = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ImportJobs.Job running = jobs.start("大文件.xlsx", "liuyang", progress -> {
      progress.accept(new ImportProgress(4000, 10000, ImportProgress.VALIDATING));
      reported.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ImportReport.written("大文件.xlsx", "xlsx", null, 10000, 0, 0, 10000);
    });
    ImportJobs.Job queued = jobs.start("第二个文件.xlsx", "liuyang",
        progress -> ImportReport.written("第二个文件.xlsx", "xlsx", null, 1, 0, 0, 1));
    try {
      StaffSession liuyang = StaffSession.basic(port, "liuyang");
      // the first job reports its progress from the import thread: wait for that report, not for a time
      assertThat(reported.await(30, TimeUnit.SECONDS)).isTrue();
      RawHttp.Response page = liuyang.get(PAGE + "/" + running.id);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("http-equiv=\"refresh\" content=\"2\"", "<progress max=\"100\" value=\"40\"");
      assertThat(StaffSession.visibleText(page.body())).contains("正在导入", "校验：已处理 4000 / 10000 行");
      RawHttp.Response waiting = liuyang.get(PAGE + "/" + queued.id);
      assertThat(StaffSession.visibleText(waiting.body())).contains("排队中");
    } finally {
      release.countDown();
    }
    queued.result.get(30, TimeUnit.SECONDS);
    assertThat(StaffSession.visibleText(StaffSession.basic(port, "liuyang").get(PAGE + "/" + running.id).body()))
        .contains("已完成", "导入完成：共 10000 行");
  }

  @Test
  @DisplayName("issue 13 住户导入页面：损坏的 .xlsx、旧版 .xls、空文件、没有选文件都立即回答 400（中文原因），不排队")
  void unreadableFiles_areRefusedAt400InChinese() throws Exception {
    StaffSession liuyang = StaffSession.tasklist(port, "liuyang");
    int jobsBefore = jobs.recent().size();

    RawHttp.Response corrupt = liuyang.upload(PAGE, liuyang.withToken(PAGE, Map.of()), "住户.xlsx",
        "这不是一个 Excel 文件".getBytes(StandardCharsets.UTF_8));
    assertThat(corrupt.status()).isEqualTo(400);
    assertThat(StaffSession.visibleText(corrupt.body()))
        .contains("文件“住户.xlsx”未导入", "无法读取 Excel 文件，请确认文件没有损坏、没有加密，并且是 .xlsx 格式");
    assertThat(chinese(corrupt.body(), ALLOWED)).isEmpty();

    RawHttp.Response old = liuyang.upload(PAGE, liuyang.withToken(PAGE, Map.of()), "住户.xls", new byte[] {1, 2, 3});
    assertThat(old.status()).isEqualTo(400);
    assertThat(old.body()).contains("不支持旧版 Excel 文件（.xls）");

    RawHttp.Response empty = liuyang.upload(PAGE, liuyang.withToken(PAGE, Map.of()), "空.xlsx", new byte[0]);
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.body()).contains("文件为空");

    RawHttp.Response none = liuyang.upload(PAGE, liuyang.withToken(PAGE, Map.of()), null, null);
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body()).contains("请先选择要导入的户籍表文件");

    assertThat(jobs.recent()).hasSize(jobsBefore);
  }

  @Test
  @DisplayName("issue 13 住户导入页面：网格员 403、匿名 401（提示登录）、管理员可以导入；没有本会话令牌的表单 403，什么都不导入")
  void onlyManagersAndAdminsImport_andEveryUploadCarriesTheSessionToken() throws Exception {
    byte[] sheet = xlsx(List.of(HEADER,
        List.of("P3-001", "第一网格", "本溪市平山区崔东街道东兴路9号", "钱桂芝", "13941400009", "", "", 1, "")));

    RawHttp.Response anonymous = StaffSession.anonymous(port).get(PAGE);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(StaffSession.visibleText(anonymous.body())).contains("请先登录", "登录任务列表");
    assertThat(StaffSession.anonymous(port).upload(PAGE, Map.of("_csrf", "x"), "a.xlsx", sheet).status())
        .isEqualTo(401);

    StaffSession zhangwei = StaffSession.tasklist(port, "zhangwei");
    RawHttp.Response worker = zhangwei.get(PAGE);
    assertThat(worker.status()).isEqualTo(403);
    assertThat(worker.body()).contains("只有社区书记/主任或系统管理员可以导入户籍台账");
    // refused for who he is, before any token is looked at
    RawHttp.Response workerUpload = zhangwei.upload(PAGE, Map.of("_csrf", "anything"), "a.xlsx", sheet);
    assertThat(workerUpload.status()).isEqualTo(403);
    assertThat(workerUpload.body()).contains("只有社区书记/主任或系统管理员可以导入户籍台账").doesNotContain("安全校验");

    StaffSession liuyang = StaffSession.tasklist(port, "liuyang");
    liuyang.get(PAGE);
    RawHttp.Response noToken = liuyang.upload(PAGE, Map.of(), "a.xlsx", sheet);
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(noToken.body()).contains("安全校验未通过");
    RawHttp.Response otherToken = liuyang.upload(PAGE, Map.of("_csrf", "forged-token"), "a.xlsx", sheet);
    assertThat(otherToken.status()).isEqualTo(403);
    assertThat(repository.findByNumber("P3-001")).isEmpty();

    StaffSession admin = StaffSession.basic(port, "demo");
    assertThat(admin.get(PAGE).status()).isEqualTo(200);
    RawHttp.Response byAdmin = admin.upload(PAGE, admin.withToken(PAGE, Map.of()), "a.xlsx", sheet);
    assertThat(byAdmin.status()).isEqualTo(303);
    String jobId = byAdmin.header("Location").substring(byAdmin.header("Location").lastIndexOf('/') + 1);
    jobs.get(jobId).result.get(30, TimeUnit.SECONDS);
    assertThat(repository.findByNumber("P3-001")).isPresent();
    assertThat(zhangwei.get(PAGE + "/" + jobId).status()).isEqualTo(403);
    assertThat(admin.get(PAGE + "/no-such-job").status()).isEqualTo(404);
  }

  @Test
  @DisplayName("issue 13 住户导入页面：超过上传上限的文件得到中文的 413 页面；接口仍回答原来的 JSON")
  void oversizedUpload_isAChinesePageOnTheStaffPath_andJsonOnTheApi() {
    var tooLarge = new org.springframework.web.multipart.MaxUploadSizeExceededException(50L * 1024 * 1024);
    var page = uploadTooLarge.tooLarge(tooLarge, new MockHttpServletRequest("POST", PAGE));
    assertThat(page.getStatusCode().value()).isEqualTo(413);
    assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(StaffSession.visibleText((String) page.getBody()))
        .contains("住户导入", "文件太大，超过了允许上传的大小；请拆成几个文件分批导入。");
    var api = uploadTooLarge.tooLarge(tooLarge, new MockHttpServletRequest("POST", "/api/households/import"));
    assertThat(api.getStatusCode().value()).isEqualTo(413);
    assertThat(api.getBody()).isEqualTo(Map.of("message",
        "文件太大，超过了允许上传的大小；请拆成几个文件分批导入，或请系统管理员调高 spring.servlet.multipart.max-file-size"));
  }

  /**
   * The Latin words of a page beyond file types and the like; the names of files other tests uploaded (listed under
   * 最近的导入) are theirs, not the page's.
   */
  private List<String> chinese(String html, String... allowed) {
    String text = StaffSession.visibleText(html);
    for (ImportJobs.Job job : jobs.recent()) {
      text = text.replace(job.fileName, " ");
    }
    return StaffSession.words(text, allowed);
  }

  /** A workbook whose first sheet holds the rows; numbers become numeric cells. */
  private static byte[] xlsx(List<List<Object>> rows) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("户籍");
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < rows.get(r).size(); c++) {
          Object value = rows.get(r).get(c);
          if (value instanceof Number number) {
            row.createCell(c).setCellValue(number.doubleValue());
          } else if (!value.toString().isEmpty()) {
            row.createCell(c).setCellValue(value.toString());
          }
        }
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }
}
