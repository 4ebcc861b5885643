package cn.shequflow.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DecisionTableFixture;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the service catalogue {@code processes/service-catalogue.dmn} rule by rule on the plain DMN engine. */
class ServiceCatalogueDecisionTest {

  /** The output columns other code reads, in table order. */
  private static final List<String> OUTPUTS = List.of("categoryName", "serviceArea", "handling", "timeLimitDays",
      "materials", "basis", "department", "departmentAddress", "departmentPhone", "departmentEmail", "fee",
      "residentWords");

  private static final Set<String> HANDLINGS = Set.of("community", "proxy", "report", "refer");

  /** A demo mailbox for a unit's report letter (上报函): the reserved {@code .example} domain, never delivered. */
  private static final String DEMO_EMAIL =
      "[a-z0-9]+([._-][a-z0-9]+)*@[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*\\.example";

  /** Real national hotlines; any other phone number in the catalogue must be a （示例） placeholder. */
  private static final Set<String> NATIONAL_HOTLINES =
      Set.of("12345", "12333", "12348", "12393", "12338", "12315", "110", "119");

  /**
   * The expected result of every rule, one line each, in table order:
   * category|categoryName|serviceArea|handling|timeLimitDays|materials|basis|department|departmentAddress|departmentPhone|departmentEmail|fee|residentWords
   * ('' is the empty string).
   */
  private static final String EXPECTED = """
      general-inquiry|一般咨询|R-2.1 社区公共服务|community|1|无|《本溪市社区工作者职业规范》R-2.1、R-4.1|''|''|''|''|免费|咨询政策、问个问题
      certificate-issuance|开具证明|R-2.1 社区公共服务|community|1|居民身份证；户口簿或居住证；与证明事项相关的材料（由用证单位说明用途）|《本溪市社区工作者职业规范》R-2.1（可出具的证明以当地公布的证明事项保留清单为准）|''|''|''|''|免费|开证明
      residence-permit|居住证办理|R-2.1 社区公共服务|refer|1|居民身份证；近期免冠照片；居住地住址证明（房屋租赁合同、房屋产权证明等）；就业、就读等证明材料（如有）|《居住证暂行条例》|辖区派出所|（示例）辖区派出所户籍窗口|（示例）024-0000000|paichusuo@benxi-pingshan.example|社区转介免费；首次申领居住证免收工本费，换领、补领按规定缴纳证件工本费|办居住证
      household-registration-transfer|户口迁移|R-2.1 社区公共服务|refer|1|居民身份证；户口簿；迁入地落户证明材料（房屋产权证明、准予迁入证明等）|《中华人民共和国户口登记条例》|辖区派出所|（示例）辖区派出所户籍窗口|（示例）024-0000000|paichusuo@benxi-pingshan.example|社区转介免费；派出所收费事项以公安机关公示为准|迁户口
      employment-registration|就业失业登记|R-2.1 就业创业|proxy|3|居民身份证；社会保障卡；与原单位解除或终止劳动关系的证明（办理失业登记时）|《中华人民共和国就业促进法》；《就业服务与就业管理规定》|平山区人力资源和社会保障局|（示例）平山区政务服务中心人社窗口|12333|renshe@benxi-pingshan.example|免费|找工作、失业登记
      labour-dispute|劳动争议仲裁|R-2.1 就业创业|refer|1|仲裁申请书；居民身份证；劳动合同、工资发放记录等劳动关系证明；相关证据材料|《中华人民共和国劳动争议调解仲裁法》|平山区劳动人事争议仲裁委员会|（示例）平山区劳动人事争议仲裁委员会办公室|12333|laodongzhongcai@benxi-pingshan.example|免费（劳动争议仲裁不收费）|被拖欠工资、劳动纠纷
      pension-certification|养老保险待遇资格认证|R-2.1 社会保障|proxy|1|居民身份证；社会保障卡|《中华人民共和国社会保险法》|平山区人力资源和社会保障局|（示例）平山区政务服务中心人社窗口|12333|renshe@benxi-pingshan.example|免费|领养老金的资格认证
      medical-insurance|医保参保登记及报销材料代交|R-2.1 社会保障|proxy|20|居民身份证；户口簿或居住证（办理参保登记时）；社会保障卡（已办理的）；医疗费用票据原件、费用明细清单、出院记录或诊断证明（代交报销材料时）；本人银行账户（代交报销材料时）|《中华人民共和国社会保险法》；《医疗保障基金使用监督管理条例》|平山区医疗保障局|（示例）平山区政务服务中心医保窗口|12393|yibao@benxi-pingshan.example|免费（社区代办不收费；医保个人缴费由居民按当年标准自行缴纳，社区不代收）|医保参保、看病报销
      subsistence-allowance|低保申请|R-2.1 社会保障|report|30|居民身份证；户口簿；最低生活保障申请书；家庭经济状况核对授权书；家庭成员收入及财产状况说明；残疾、重病等特殊情况证明（如有）|《社会救助暂行办法》；《最低生活保障审核确认办法》|街道办事处|（示例）街道办事处社会救助窗口|（示例）024-0000000|jiedao@benxi-pingshan.example|免费|申请低保
      disability-certificate|残疾人证办理|R-2.1 社会保障|refer|1|居民身份证；户口簿；近期免冠照片；与残疾相关的病历、诊断证明|《中华人民共和国残疾人保障法》|平山区残疾人联合会|（示例）平山区残疾人联合会办公室|（示例）024-0000000|canlian@benxi-pingshan.example|社区转介免费；残疾评定如有费用以区残联公示为准|办残疾证
      disability-subsidies|残疾人两项补贴申请|R-2.1 社会保障|proxy|15|居民身份证；户口簿；中华人民共和国残疾人证；最低生活保障证明（申请困难残疾人生活补贴时）|《中华人民共和国残疾人保障法》；《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》|平山区残疾人联合会|（示例）平山区残疾人联合会办公室|（示例）024-0000000|canlian@benxi-pingshan.example|免费|残疾人补贴
      senior-allowance|高龄津贴申请|R-2.1 养老服务|proxy|15|居民身份证；户口簿；社会保障卡或本人银行账户|《中华人民共和国老年人权益保障法》；《辽宁省老年人权益保障条例》|平山区民政局|（示例）平山区政务服务中心民政窗口|（示例）024-0000000|minzheng@benxi-pingshan.example|免费|高龄老人补贴
      family-doctor|家庭医生签约|R-2.1 公共卫生与基本医疗|refer|1|居民身份证；社会保障卡或医保电子凭证|《中华人民共和国基本医疗卫生与健康促进法》|辖区社区卫生服务中心|（示例）辖区社区卫生服务中心|（示例）024-0000000|shequweisheng@benxi-pingshan.example|社区转介免费；基本公共卫生服务免费，个性化签约服务包收费以卫生健康部门公示为准|签家庭医生
      school-enrollment|入学咨询|R-2.1 公共教育|refer|1|户口簿；房屋产权证明或居住证；适龄儿童出生医学证明；预防接种证|《中华人民共和国义务教育法》|平山区教育局|（示例）平山区教育局招生咨询窗口|（示例）024-0000000|jiaoyu@benxi-pingshan.example|免费（义务教育不收学费、杂费）|孩子上学
      facility-repair|公共设施报修|R-2.1 公共基础设施|report|7|报修位置及损坏情况说明（可附照片）|《本溪市社区工作者职业规范》R-2.1|街道办事处|（示例）街道办事处便民服务中心|（示例）024-0000000|jiedao@benxi-pingshan.example|免费|路灯、楼道等公共设施坏了
      venue-booking|文体活动场地预约|R-2.1 公共文化和体育|community|2|活动方案（时间、人数、内容）；负责人居民身份证|《中华人民共和国公共文化服务保障法》；《全民健身条例》|''|''|''|''|免费|借活动室、活动场地
      environment-complaint|环境卫生投诉|R-2.1 环境保护|community|3|问题位置及情况说明（可附照片）|《中华人民共和国城市居民委员会组织法》；《本溪市社区工作者职业规范》R-2.1|''|''|''|''|免费|垃圾、卫生、脏乱差
      safety-hazard|安全隐患报告|R-2.1 公共安全|report|5|隐患位置及情况说明（可附照片）|《中华人民共和国安全生产法》；《中华人民共和国消防法》；《中华人民共和国突发事件应对法》|街道办事处|（示例）街道办事处便民服务中心|（示例）024-0000000；紧急情况拨打119、110|jiedao@benxi-pingshan.example|免费|发现安全隐患
      large-event|大型活动报备|R-2.1 大型活动|report|5|活动方案；安全工作方案；主办方及负责人身份证明|《大型群众性活动安全管理条例》；《本溪市社区工作者职业规范》R-2.1|街道办事处|（示例）街道办事处便民服务中心|（示例）024-0000000|jiedao@benxi-pingshan.example|免费|办大型活动要报备
      property-coordination|业主与物业协调|R-2.2 居民自治|community|5|问题情况说明；相关照片、合同或书面材料（如有）|《中华人民共和国民法典》；《物业管理条例》|''|''|''|''|免费|和物业有矛盾
      volunteer-registration|志愿者登记与服务记录|R-2.2 居民自治|community|1|居民身份证；志愿者登记表|《志愿服务条例》|''|''|''|''|免费|报名当志愿者
      residents-convention|居民公约|R-2.2 居民自治|community|5|无|《中华人民共和国城市居民委员会组织法》|''|''|''|''|免费|对居民公约的意见
      needs-survey|需求调查与服务建议|R-2.2 居民自治|community|5|无|《本溪市社区工作者职业规范》R-2.2|''|''|''|''|免费|给社区提建议
      election-inquiry|居委会选举咨询|R-2.2 居民自治|community|1|无|《中华人民共和国城市居民委员会组织法》|''|''|''|''|免费|居委会选举
      community-consultation|议事协商提议|R-2.2 居民自治|community|10|协商议题书面建议|《关于加强城乡社区协商的意见》；《本溪市社区工作者职业规范》R-2.2|''|''|''|''|免费|提议大家一起商量的事
      neighbour-dispute|邻里纠纷调解|R-2.3 社会工作|community|10|当事人身份证明；纠纷情况说明；相关证据材料（如有）|《中华人民共和国人民调解法》|''|''|''|''|免费|邻里矛盾
      elderly-care|老年人关爱|R-2.3 社会工作|community|3|老年人居民身份证；紧急联系人信息|《中华人民共和国老年人权益保障法》；《辽宁省老年人权益保障条例》|''|''|''|''|免费|家里老人需要关照
      children-in-difficulty|困境儿童和留守儿童关爱|R-2.3 社会工作|report|15|儿童户口簿；监护人居民身份证；家庭困难情况说明|《中华人民共和国未成年人保护法》；《国务院关于加强困境儿童保障工作的意见》；《国务院关于加强农村留守儿童关爱保护工作的意见》|街道办事处|（示例）街道办事处社会事务窗口|（示例）024-0000000|jiedao@benxi-pingshan.example|免费|孩子无人照看、困境儿童
      women-rights|妇女维权|R-2.3 社会工作|refer|1|居民身份证；相关情况说明及证据材料（如有）|《中华人民共和国妇女权益保障法》|平山区妇女联合会|（示例）平山区妇女联合会办公室|12338|fulian@benxi-pingshan.example|免费|妇女权益受侵害
      domestic-violence|家庭暴力求助|R-2.3 社会工作|report|1|无（伤情照片、就医记录、报警回执等证据请妥善保存）|《中华人民共和国反家庭暴力法》|辖区派出所；平山区妇女联合会|（示例）辖区派出所；（示例）平山区妇女联合会办公室|110；12338|paichusuo@benxi-pingshan.example,fulian@benxi-pingshan.example|免费|家庭暴力求助
      migrant-registration|流动人口居住登记|R-2.3 社会工作|proxy|1|居民身份证；居住地住址证明（房屋租赁合同或房屋产权证明）|《居住证暂行条例》|辖区派出所|（示例）辖区派出所户籍窗口|（示例）024-0000000|paichusuo@benxi-pingshan.example|免费|外来人员居住登记
      disaster-relief|受灾救助|R-2.3 社会工作|report|10|居民身份证；户口簿；受灾情况说明（可附照片）|《自然灾害救助条例》；《社会救助暂行办法》|街道办事处|（示例）街道办事处社会救助窗口|（示例）024-0000000|jiedao@benxi-pingshan.example|免费|受灾了需要救助
      community-correction|社区矫正报到|R-2.3 社会工作|refer|1|居民身份证；判决书、裁定书或决定书；执行通知书|《中华人民共和国社区矫正法》|辖区司法所（平山区社区矫正机构）|（示例）辖区司法所|（示例）024-0000000|sifasuo@benxi-pingshan.example|免费|社区矫正报到
      consumer-dispute|消费纠纷|R-2.3 社会工作|refer|1|居民身份证；购物凭证或服务单据；相关证据材料|《中华人民共和国消费者权益保护法》|平山区市场监督管理局|（示例）平山区市场监督管理局投诉举报窗口|12315|shichangjianguan@benxi-pingshan.example|免费|买东西受骗、消费纠纷
      """;

  private static DecisionTableFixture dmn;

  @BeforeAll
  static void parseModel() throws IOException {
    dmn = DecisionTableFixture.load("service-catalogue.dmn", "service-catalogue");
  }

  static Stream<Arguments> expectedRows() {
    return EXPECTED.lines().filter(line -> !line.isBlank()).map(line -> {
      String[] cells = line.strip().split("\\|", -1);
      assertThat(cells).as(line).hasSize(OUTPUTS.size() + 1);
      Map<String, Object> outputs = new LinkedHashMap<>();
      for (int i = 0; i < OUTPUTS.size(); i++) {
        String cell = "''".equals(cells[i + 1]) ? "" : cells[i + 1];
        outputs.put(OUTPUTS.get(i), "timeLimitDays".equals(OUTPUTS.get(i)) ? (Object) Integer.valueOf(cell) : cell);
      }
      return Arguments.of(cells[0], cells[1], cells[4], outputs);
    });
  }

  @ParameterizedTest(name = "[{index}] {0} {1} → {2}")
  @MethodSource("expectedRows")
  @DisplayName("R-1.2-3 / R-2: each catalogue rule yields its name, area, handling, time limit, materials, basis, unit and fee")
  void eachRuleYieldsItsCatalogueEntry(String category, String categoryName, String handling,
      Map<String, Object> expected) {
    DmnDecisionTableResult result = evaluate(category);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap()).isEqualTo(expected);
  }

  @Test
  @DisplayName("R-1.2-3: the expectations above exercise every rule of the catalogue, in table order")
  void everyRuleIsExercised() {
    List<String> expectedCodes = expectedRows().map(arguments -> (String) arguments.get()[0]).toList();

    assertThat(categoryCodes()).containsExactlyElementsOf(expectedCodes);
  }

  @Test
  @DisplayName("R-4.1-3 (DESIGN contract): general-inquiry = 一般咨询, answered by the community, free")
  void generalInquiryIsAnsweredByTheCommunity() {
    DmnDecisionRuleResult entry = evaluate("general-inquiry").getSingleResult();

    assertThat((String) entry.getEntry("categoryName")).isEqualTo("一般咨询");
    assertThat((String) entry.getEntry("handling")).isEqualTo("community");
    assertThat((String) entry.getEntry("department")).isEmpty();
    assertThat((String) entry.getEntry("fee")).isEqualTo("免费");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"no-such-category", "", "GENERAL-INQUIRY", "general_inquiry", " general-inquiry", "一般咨询", "-"})
  @DisplayName("R-1.2-3: an unknown category code matches no rule (empty result, the caller refuses it)")
  void unknownCategoryMatchesNothing(String category) {
    assertThat(evaluate(category)).isEmpty();
  }

  @Test
  @DisplayName("R-1.2-3: a missing category matches no rule")
  void missingCategoryMatchesNothing() {
    assertThat(evaluate(null)).isEmpty();
  }

  @Test
  @DisplayName("R-1.2-3 / R-2: no catch-all row; every rule matches exactly one unique kebab-case code")
  void noCatchAllRule() {
    List<String> entries = dmn.inputEntryTexts();

    assertThat(entries).hasSize(dmn.rules().size()).allMatch(text -> text.matches("\"[a-z]+(-[a-z]+)*\""));
    assertThat(categoryCodes()).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("R-1.2-3, R-2.1–R-2.3, R-4.1-4, R-1.2-5: every row is complete, routed to an allowed handling, and free where the community acts")
  void everyRowIsComplete() {
    SoftAssertions softly = new SoftAssertions();
    Map<String, String> emailByUnit = new LinkedHashMap<>();
    for (String code : categoryCodes()) {
      DmnDecisionTableResult result = evaluate(code);
      softly.assertThat(result).as(code).hasSize(1);
      if (result.size() != 1) {
        continue;
      }
      Map<String, Object> row = result.getSingleResult().getEntryMap();
      String handling = (String) row.get("handling");
      String department = (String) row.get("department");
      String fee = (String) row.get("fee");

      softly.assertThat(row.keySet()).as(code).containsExactlyInAnyOrderElementsOf(OUTPUTS);
      softly.assertThat((String) row.get("categoryName")).as(code + " categoryName").isNotBlank();
      softly.assertThat((String) row.get("residentWords")).as(code + " residentWords (the online message page)")
          .isNotBlank();
      softly.assertThat((String) row.get("serviceArea")).as(code + " serviceArea").matches("R-2\\.[123] \\S.*");
      softly.assertThat(handling).as(code + " handling").isIn(HANDLINGS);
      softly.assertThat(row.get("timeLimitDays")).as(code + " timeLimitDays").isInstanceOf(Integer.class);
      softly.assertThat((Integer) row.get("timeLimitDays")).as(code + " timeLimitDays").isPositive();
      softly.assertThat((String) row.get("materials")).as(code + " materials").isNotBlank();
      softly.assertThat((String) row.get("basis")).as(code + " basis").isNotBlank().contains("《");
      softly.assertThat(fee).as(code + " fee").isNotBlank().doesNotContainPattern("\\d+(\\.\\d+)?\\s*元");
      if (Set.of("refer", "report", "proxy").contains(handling)) {
        // R-4.1-4: the resident is told which unit handles it and how to reach it
        softly.assertThat(department).as(code + " department").isNotBlank();
        softly.assertThat((String) row.get("departmentAddress")).as(code + " departmentAddress").isNotBlank();
        softly.assertThat((String) row.get("departmentPhone")).as(code + " departmentPhone").isNotBlank();
        // the report letter (上报函) goes to one demo .example mailbox per unit, comma-separated like mailTo
        String email = (String) row.get("departmentEmail");
        List<String> emails = Arrays.asList(email.split(",", -1));
        List<String> units = split(department);
        softly.assertThat(emails).as(code + " departmentEmail").hasSameSizeAs(units)
            .allMatch(address -> address.matches(DEMO_EMAIL));
        for (int i = 0; i < Math.min(units.size(), emails.size()); i++) {
          String known = emailByUnit.putIfAbsent(units.get(i), emails.get(i));
          softly.assertThat(emails.get(i)).as(code + " departmentEmail of " + units.get(i))
              .isEqualTo(known == null ? emails.get(i) : known);
        }
      } else {
        softly.assertThat(department).as(code + " department").isEmpty();
        softly.assertThat((String) row.get("departmentAddress")).as(code + " departmentAddress").isEmpty();
        softly.assertThat((String) row.get("departmentPhone")).as(code + " departmentPhone").isEmpty();
        softly.assertThat((String) row.get("departmentEmail")).as(code + " departmentEmail").isEmpty();
      }
      if (Set.of("community", "proxy").contains(handling)) {
        // R-1.2-5, R-3.1.3-7: what the community does itself, including proxy service, is free of charge
        softly.assertThat(fee).as(code + " fee").startsWith("免费");
      }
    }
    softly.assertAll();
  }

  @Test
  @DisplayName("R-4.1-4: contact details are real national hotlines or marked （示例） demo data, never invented numbers")
  void contactDetailsAreHotlinesOrMarkedAsDemoData() {
    SoftAssertions softly = new SoftAssertions();
    for (String code : categoryCodes()) {
      Map<String, Object> row = evaluate(code).getSingleResult().getEntryMap();
      String address = (String) row.get("departmentAddress");
      String phone = (String) row.get("departmentPhone");
      for (String part : split(address)) {
        softly.assertThat(part).as(code + " departmentAddress").startsWith("（示例）");
      }
      for (String part : split(phone)) {
        if (!part.startsWith("（示例）")) {
          softly.assertThat(part.replaceAll("^紧急情况拨打", "").split("、")).as(code + " departmentPhone")
              .allMatch(NATIONAL_HOTLINES::contains);
        }
      }
    }
    softly.assertAll();
  }

  @Test
  @DisplayName("R-2.1, R-2.2, R-2.3: the catalogue covers all three service areas and all four handlings")
  void coversEveryAreaAndHandling() {
    List<Map<String, Object>> rows = categoryCodes().stream()
        .map(code -> evaluate(code).getSingleResult().getEntryMap())
        .toList();

    assertThat(rows).extracting(row -> ((String) row.get("serviceArea")).substring(0, 5))
        .contains("R-2.1", "R-2.2", "R-2.3");
    assertThat(rows).extracting(row -> row.get("handling"))
        .containsAll(HANDLINGS);
  }

  @Test
  @DisplayName("R-1.2-3: decision service-catalogue (社区服务目录), UNIQUE, P180D, contract columns, demo-data note, DMNDI shape")
  void decisionMetadata() throws Exception {
    Decision modelDecision = dmn.decision();
    DecisionTable table = dmn.table();

    assertThat(modelDecision.getName()).isEqualTo("社区服务目录");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    assertThat(modelDecision.getDescription().getTextContent()).contains("示例", "R-1.2-3", ".example");
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    assertThat(table.getInputs()).singleElement().satisfies(input -> {
      assertThat(input.getInputExpression().getTextContent()).isEqualTo("category");
      assertThat(input.getInputExpression().getTypeRef()).isEqualTo("string");
    });
    assertThat(table.getOutputs()).extracting(Output::getName).containsExactlyElementsOf(OUTPUTS);
    assertThat(table.getOutputs()).extracting(Output::getTypeRef)
        .containsExactly("string", "string", "string", "integer", "string", "string", "string", "string", "string",
            "string", "string", "string");
    assertThat(dmn.rules()).allSatisfy(rule -> assertThat(rule.getDescription().getTextContent()).contains("R-"));
    assertThat(dmn.hasDiagramShape()).as("DMNDI shape for Camunda Modeler").isTrue();
  }

  private static DmnDecisionTableResult evaluate(String category) {
    return dmn.evaluate("category", category);
  }

  private static List<String> categoryCodes() {
    return dmn.rules().stream().map(dmn::inputOf).toList();
  }

  private static List<String> split(String value) {
    return value.isEmpty() ? List.of() : Arrays.asList(value.split("；"));
  }
}
