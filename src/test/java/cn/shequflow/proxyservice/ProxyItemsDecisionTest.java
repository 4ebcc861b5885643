package cn.shequflow.proxyservice;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.DecisionTableFixture;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the proxy-service knowledge base {@code processes/proxy-items.dmn} rule by rule on the plain DMN engine. */
class ProxyItemsDecisionTest {

  /** The output columns other code reads, in table order. */
  private static final List<String> OUTPUTS = List.of("itemName", "proxiable", "conditions", "notProxiableReason",
      "basis", "procedure", "materials", "legalTimeLimitDays", "promisedDays", "department", "departmentAddress",
      "departmentPhone", "departmentFee");

  private static final List<String> OUTPUT_TYPES = List.of("string", "boolean", "string", "string", "string",
      "string", "string", "integer", "integer", "string", "string", "string", "string");

  /** Real national hotlines; any other phone number must be a （示例） placeholder. */
  private static final Set<String> NATIONAL_HOTLINES = Set.of("12345", "12333", "12393");

  /** R-3.1.3-4: every proxy starts with the entrustment the resident signs. */
  private static final String ENTRUSTMENT = "代办委托书（社区提供，居民签字）";

  /**
   * The expected result of every rule, one line each, in table order:
   * proxyItem|itemName|proxiable|conditions|notProxiableReason|basis|procedure|materials|legalTimeLimitDays|promisedDays|department|departmentAddress|departmentPhone|departmentFee
   * ('' is the empty string).
   */
  private static final String EXPECTED = """
      senior-allowance|高龄津贴申请|true|具有本市户籍、达到规定年龄的高龄老年人（年龄段、对象和发放标准以本溪市当年公布的政策为准）；本人或家属到窗口办理确有困难的，可由社区代办，孤寡、独居或伤病老人可上门代办|''|《中华人民共和国老年人权益保障法》|1. 核实老年人户籍和年龄，居民签署代办委托书（R-3.1.3-4）；2. 社区代为填写高龄津贴申请表，复印居民身份证、户口簿和银行账户信息；3. 社区工作者将申请材料提交街道办事处初审，报平山区民政局审核；4. 跟踪审核进度并及时告知居民（R-3.1.3-5）；5. 审核通过后告知津贴发放时间和账户，将材料原件和审核结果移交居民签字确认，登记、承办、回复资料建档（R-3.1.3-6）|居民身份证；户口簿；社会保障卡或本人银行账户；代办委托书（社区提供，居民签字）|15|15|平山区民政局|（示例）平山区政务服务中心民政窗口|（示例）024-0000000|免费
      pension-certification|养老保险待遇资格认证|true|领取基本养老保险待遇的离退休人员，按人社部门通知定期（一般每年一次）完成待遇领取资格认证；因高龄、患病、残疾等原因无法自行通过手机人脸识别或到窗口认证的，可由社区协助或上门代办|''|《中华人民共和国社会保险法》|1. 核实居民身份和待遇领取情况，居民签署代办委托书（R-3.1.3-4）；2. 社区工作者在社区服务站或上门，通过人社部门认证渠道（如掌上12333）协助居民完成人脸识别认证；3. 无法完成人脸识别的，将材料报平山区人力资源和社会保障局人工核验；4. 查询认证结果并及时告知居民（R-3.1.3-5）；5. 将认证结果移交居民签字确认，登记、承办、回复资料建档（R-3.1.3-6）|居民身份证；社会保障卡；代办委托书（社区提供，居民签字）|1|1|平山区人力资源和社会保障局|（示例）平山区政务服务中心人社窗口|12333|免费
      disability-subsidies|残疾人两项补贴申请|true|持有《中华人民共和国残疾人证》的本市户籍残疾人：困难残疾人生活补贴面向最低生活保障家庭中的残疾人，重度残疾人护理补贴面向残疾等级为一级、二级且需要长期照护的重度残疾人（扩大范围以本溪市政策为准）；本人办理确有困难的，可由社区代办或上门代办|''|《中华人民共和国残疾人保障法》；《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》|1. 核实残疾人证和家庭情况，居民签署代办委托书（R-3.1.3-4）；2. 社区代为填写残疾人两项补贴申请审批表；3. 社区工作者将申请材料提交街道办事处受理初审；4. 平山区残疾人联合会审核、平山区民政局审定，社区跟踪进度并及时告知居民（R-3.1.3-5）；5. 将审定结果和补贴发放信息移交居民签字确认，登记、承办、回复资料建档（R-3.1.3-6）|居民身份证；户口簿；中华人民共和国残疾人证；最低生活保障证明（申请困难残疾人生活补贴时）；本人银行账户；代办委托书（社区提供，居民签字）|15|15|平山区残疾人联合会|（示例）平山区残疾人联合会办公室|（示例）024-0000000|免费
      medical-insurance|医保参保登记及报销材料代交|true|未参加职工基本医疗保险的本市户籍或持居住证居民，办理城乡居民医疗保险参保登记；已参保居民在外地就医或因故未能直接结算、个人先行垫付医疗费用，需要手工报销；本人行动不便或到医保窗口确有困难的，可由社区代办参保登记、代交报销材料|''|《中华人民共和国社会保险法》；《医疗保障基金使用监督管理条例》|1. 核实参保条件或参保身份和报销材料，居民签署代办委托书（R-3.1.3-4）；2. 社区代为填写城乡居民医疗保险参保登记表或医疗费用报销申请表，核对身份材料、票据和费用清单是否齐全；3. 社区工作者将材料提交平山区医疗保障局经办窗口并取得受理回执；4. 跟踪办理和审核进度并及时告知居民（R-3.1.3-5）；5. 参保登记完成后告知居民按当年标准自行缴纳个人缴费，报销款项由医保部门直接拨付至居民本人账户，社区将受理回执、参保凭证或结算单等资料移交居民签字确认，登记、承办、回复资料建档（R-3.1.3-6）|居民身份证；户口簿或居住证（办理参保登记时）；社会保障卡（已办理的）；医疗费用票据原件、费用明细清单、出院记录或诊断证明（代交报销材料时）；本人银行账户（代交报销材料时）；代办委托书（社区提供，居民签字）|20|20|平山区医疗保障局|（示例）平山区政务服务中心医保窗口|12393|免费
      employment-registration|就业失业登记|true|法定劳动年龄内、有劳动能力的本市户籍或常住居民办理就业登记、失业登记或申领《就业创业证》；本人到窗口办理确有困难的，可由社区代办|''|《中华人民共和国就业促进法》；《就业服务与就业管理规定》|1. 核实居民身份和就业、失业状况，居民签署代办委托书（R-3.1.3-4）；2. 社区代为填写就业失业登记表；3. 社区工作者将材料提交平山区人力资源和社会保障局公共就业服务窗口办理登记；4. 跟踪办理进度并及时告知居民（R-3.1.3-5）；5. 将《就业创业证》或登记结果移交居民签字确认，登记、承办、回复资料建档（R-3.1.3-6）|居民身份证；社会保障卡；与原单位解除或终止劳动关系的证明（办理失业登记时）；代办委托书（社区提供，居民签字）|3|3|平山区人力资源和社会保障局|（示例）平山区政务服务中心人社窗口|12333|免费
      migrant-registration|流动人口居住登记|true|离开常住户口所在地、到平山区居住的流动人口；本人到派出所办理确有困难的，可由社区代为申报居住登记|''|《居住证暂行条例》|1. 核实居民身份和居住地址，居民签署代办委托书（R-3.1.3-4）；2. 社区代为填写流动人口居住登记表；3. 社区工作者将材料提交辖区派出所办理居住登记；4. 及时告知居民登记结果（R-3.1.3-5）；5. 将登记凭证和材料原件移交居民签字确认，登记、承办、回复资料建档（R-3.1.3-6）|居民身份证；居住地住址证明（房屋租赁合同或房屋产权证明）；代办委托书（社区提供，居民签字）|1|1|辖区派出所|（示例）辖区派出所户籍窗口|（示例）024-0000000|免费
      disability-certificate|残疾人证办理|false|不能代办：申请人须本人到指定医疗机构进行残疾评定；社区可告知申请流程和材料，协助联系平山区残疾人联合会|须本人到指定医疗机构进行残疾评定|《中华人民共和国残疾人保障法》|1. 向居民说明残疾人证不能代办的原因（R-3.1.3-1）；2. 告知居民携带居民身份证、户口簿、近期免冠照片和与残疾相关的病历到平山区残疾人联合会提出申请；3. 按区残联安排本人到指定医疗机构进行残疾评定；4. 行动不便的，协助居民向区残联咨询上门评定安排|无|0|0|平山区残疾人联合会|（示例）平山区残疾人联合会办公室|（示例）024-0000000|免费（残疾评定如有费用以区残联公示为准）
      residence-permit|居住证签注|true|已领取居住证并在本市连续居住的居民，应在居住每满1年之日前1个月内办理签注；本人办理确有困难的，可由社区代为办理|''|《居住证暂行条例》|1. 核实居住证和继续居住情况，居民签署代办委托书（R-3.1.3-4）；2. 社区协助准备继续居住的证明材料；3. 社区工作者持居住证和材料到辖区派出所（或受公安机关委托的社区服务机构）办理签注；4. 及时告知居民办理进度（R-3.1.3-5）；5. 将已签注的居住证移交居民签字确认，登记、承办、回复资料建档（R-3.1.3-6）|居住证；居民身份证；继续居住证明（房屋租赁合同或房屋产权证明）；就业、就读证明（如有）；代办委托书（社区提供，居民签字）|1|1|辖区派出所|（示例）辖区派出所户籍窗口|（示例）024-0000000|免费
      subsistence-review|低保年审材料代交|true|已纳入最低生活保障的家庭，按街道通知参加定期核查（年审）时需提交家庭收入、财产等情况材料；家庭成员到窗口提交确有困难的，可由社区代交|''|《社会救助暂行办法》；《最低生活保障审核确认办法》|1. 告知低保家庭年审事项和所需材料，居民签署代办委托书（R-3.1.3-4）；2. 社区协助填写家庭收入及财产状况申报表，家庭成员签署家庭经济状况核对授权书；3. 社区工作者将材料提交街道办事处，由街道核查后报平山区民政局；4. 跟踪核查进度并及时告知居民（R-3.1.3-5）；5. 将核查结果移交居民签字确认，登记、承办、回复资料建档（R-3.1.3-6）|居民身份证；户口簿；家庭成员收入及财产状况说明；家庭经济状况核对授权书；残疾、重病等特殊情况证明（如有变化）；代办委托书（社区提供，居民签字）|10|10|街道办事处|（示例）街道办事处社会救助窗口|（示例）024-0000000|免费
      one-child-reward|独生子女父母奖励申领|true|持有《独生子女父母光荣证》、符合辽宁省规定奖励条件的独生子女父母（具体对象和标准以平山区卫生健康局公布为准）；本人办理确有困难的，可由社区代为申领|''|《中华人民共和国人口与计划生育法》；《辽宁省人口与计划生育条例》|1. 核实独生子女父母光荣证和申领条件，居民签署代办委托书（R-3.1.3-4）；2. 社区代为填写奖励申请表；3. 社区工作者将材料提交街道办事处初审，报平山区卫生健康局审批；4. 跟踪审批进度并及时告知居民（R-3.1.3-5）；5. 奖励发放至居民本人账户后，将审批结果和材料原件移交居民签字确认，登记、承办、回复资料建档（R-3.1.3-6）|居民身份证；户口簿；独生子女父母光荣证；结婚证；本人银行账户；代办委托书（社区提供，居民签字）|20|20|平山区卫生健康局|（示例）平山区政务服务中心卫生健康窗口|（示例）024-0000000|免费
      id-card|居民身份证申领|false|不能代办：申领、换领、补领居民身份证须本人到派出所户籍窗口采集指纹和人像，未满16周岁的由监护人陪同|须本人到场采集指纹和人像|《中华人民共和国居民身份证法》|1. 向居民说明居民身份证不能代办的原因（R-3.1.3-1）；2. 告知居民本人携带户口簿到辖区派出所户籍窗口办理，未满16周岁的由监护人陪同；3. 行动不便的，协助居民向派出所咨询上门采集服务|无|0|0|辖区派出所|（示例）辖区派出所户籍窗口|（示例）024-0000000|工本费20元，丢失补领或损坏换领40元（公安机关收取）
      marriage-registration|婚姻登记|false|不能代办：结婚登记和离婚登记须男女双方本人亲自到婚姻登记机关办理|须双方本人到场|《中华人民共和国民法典》；《婚姻登记条例》|1. 向居民说明婚姻登记不能代办的原因（R-3.1.3-1）；2. 告知双方本人携带居民身份证等有效证件共同到婚姻登记机关办理，可先行预约；3. 所需材料以婚姻登记机关公布的要求为准|无|0|0|平山区民政局婚姻登记处|（示例）平山区婚姻登记处|（示例）024-0000000|免费
      exit-entry-documents|出入境证件申领|false|不能代办：申领护照、往来港澳通行证、往来台湾通行证等出入境证件须本人到出入境管理窗口采集指纹和人像|须本人采集指纹|《中华人民共和国出境入境管理法》；《中华人民共和国护照法》|1. 向居民说明出入境证件不能代办的原因（R-3.1.3-1）；2. 告知居民本人携带居民身份证到出入境管理窗口采集指纹和人像并提交申请，可先行网上预约；3. 证件可按出入境管理部门规定选择邮寄或到窗口领取|无|0|0|本溪市公安局出入境管理部门|（示例）本溪市公安局出入境接待大厅|（示例）024-0000000|证件工本费按国家规定标准收取（出入境管理部门收取，以其公示为准）
      """;

  private static DecisionTableFixture dmn;

  @BeforeAll
  static void parseModel() throws IOException {
    dmn = DecisionTableFixture.load("proxy-items.dmn", "proxy-items");
  }

  static Stream<Arguments> expectedRows() {
    return EXPECTED.lines().filter(line -> !line.isBlank()).map(line -> {
      String[] cells = line.strip().split("\\|", -1);
      assertThat(cells).as(line).hasSize(OUTPUTS.size() + 1);
      Map<String, Object> outputs = new LinkedHashMap<>();
      for (int i = 0; i < OUTPUTS.size(); i++) {
        String cell = "''".equals(cells[i + 1]) ? "" : cells[i + 1];
        outputs.put(OUTPUTS.get(i), switch (OUTPUT_TYPES.get(i)) {
          case "boolean" -> Boolean.valueOf(cell);
          case "integer" -> Integer.valueOf(cell);
          default -> cell;
        });
      }
      return Arguments.of(cells[0], cells[1], outputs.get("proxiable"), outputs);
    });
  }

  @ParameterizedTest(name = "[{index}] {0} {1} → proxiable {2}")
  @MethodSource("expectedRows")
  @DisplayName("R-3.1.3-1, R-3.1.3-3: each item yields its name, proxiability, conditions, basis, procedure, materials, time limits, department and fee")
  void eachRuleYieldsItsItem(String proxyItem, String itemName, boolean proxiable, Map<String, Object> expected) {
    DmnDecisionTableResult result = evaluate(proxyItem);

    assertThat(result).hasSize(1);
    assertThat(result.getSingleResult().getEntryMap()).isEqualTo(expected);
    assertThat(dmn.ruleFor(proxyItem).getDescription().getTextContent()).contains("R-3.1.3-1", "R-3.1.3-3");
  }

  @Test
  @DisplayName("R-3.1.3-3: the expectations above exercise every rule of the knowledge base, in table order")
  void everyRuleIsExercised() {
    List<String> expectedCodes = expectedRows().map(arguments -> (String) arguments.get()[0]).toList();

    assertThat(itemCodes()).containsExactlyElementsOf(expectedCodes);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"id-card", "marriage-registration", "exit-entry-documents", "disability-certificate"})
  @DisplayName("R-3.1.3-1: items that need the resident in person cannot be proxied and say why")
  void personalAppearanceItemsAreNotProxiable(String proxyItem) {
    Map<String, Object> row = evaluate(proxyItem).getSingleResult().getEntryMap();

    assertThat(row.get("proxiable")).isEqualTo(false);
    assertThat((String) row.get("notProxiableReason")).startsWith("须").contains("本人");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @ValueSource(strings = {"no-such-item", "", "ID-CARD", "id_card", " id-card", "居民身份证申领", "-", "general-inquiry"})
  @DisplayName("R-3.1.3-1: an unknown item code matches no rule (empty result, the caller refuses it)")
  void unknownItemMatchesNothing(String proxyItem) {
    assertThat(evaluate(proxyItem)).isEmpty();
  }

  @Test
  @DisplayName("R-3.1.3-1: a missing item code matches no rule")
  void missingItemMatchesNothing() {
    assertThat(evaluate(null)).isEmpty();
  }

  @Test
  @DisplayName("R-3.1.3-1: no catch-all row; every rule matches exactly one unique kebab-case code")
  void noCatchAllRule() {
    List<String> entries = dmn.inputEntryTexts();

    assertThat(entries).hasSize(dmn.rules().size()).allMatch(text -> text.matches("\"[a-z]+(-[a-z]+)*\""));
    assertThat(itemCodes()).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("R-3.1.3-1: every proxy code of the service catalogue has an entry in the knowledge base")
  void coversTheCatalogueProxyCodes() throws IOException {
    DecisionTableFixture catalogue = DecisionTableFixture.load("service-catalogue.dmn", "service-catalogue");
    List<String> catalogueProxyCodes = catalogue.rules().stream().map(catalogue::inputOf)
        .filter(code -> "proxy".equals(catalogue.evaluate("category", code).getSingleResult().getEntry("handling")))
        .toList();

    assertThat(catalogueProxyCodes).isNotEmpty();
    assertThat(itemCodes()).containsAll(catalogueProxyCodes);
  }

  @Test
  @DisplayName("R-3.1.3-3, R-3.1.3-4, R-3.1.3-5, R-3.1.3-6: every proxiable row is complete; every other row says why not")
  void everyRowIsComplete() {
    SoftAssertions softly = new SoftAssertions();
    for (String code : itemCodes()) {
      DmnDecisionTableResult result = evaluate(code);
      softly.assertThat(result).as(code).hasSize(1);
      if (result.size() != 1) {
        continue;
      }
      Map<String, Object> row = result.getSingleResult().getEntryMap();
      String reason = (String) row.get("notProxiableReason");
      String procedure = (String) row.get("procedure");
      String materials = (String) row.get("materials");
      Integer legalDays = (Integer) row.get("legalTimeLimitDays");
      Integer promisedDays = (Integer) row.get("promisedDays");

      softly.assertThat(row.keySet()).as(code).containsExactlyInAnyOrderElementsOf(OUTPUTS);
      softly.assertThat(row.get("proxiable")).as(code + " proxiable").isInstanceOf(Boolean.class);
      softly.assertThat((String) row.get("itemName")).as(code + " itemName").isNotBlank();
      softly.assertThat((String) row.get("conditions")).as(code + " conditions").isNotBlank();
      softly.assertThat((String) row.get("basis")).as(code + " basis").isNotBlank().contains("《");
      softly.assertThat(procedure).as(code + " procedure").startsWith("1. ").contains("；2. ");
      softly.assertThat((String) row.get("department")).as(code + " department").isNotBlank();
      softly.assertThat((String) row.get("departmentAddress")).as(code + " departmentAddress").isNotBlank();
      softly.assertThat((String) row.get("departmentPhone")).as(code + " departmentPhone").isNotBlank();
      softly.assertThat((String) row.get("departmentFee")).as(code + " departmentFee").isNotBlank();
      if (Boolean.TRUE.equals(row.get("proxiable"))) {
        softly.assertThat(reason).as(code + " notProxiableReason").isEmpty();
        softly.assertThat(materials.split("；")).as(code + " materials").hasSizeGreaterThanOrEqualTo(2)
            .doesNotContain("", "无").contains(ENTRUSTMENT);
        softly.assertThat(legalDays).as(code + " legalTimeLimitDays").isPositive();
        // R-3.1.3-5, R-4.2-1 (issue 13): never promise longer than the law allows (see the row-by-row test below)
        softly.assertThat(promisedDays).as(code + " promisedDays").isPositive().isLessThanOrEqualTo(legalDays);
        // R-3.1.3-4 entrustment first, R-3.1.3-5 progress reports, R-3.1.3-6 signed handover and archive
        softly.assertThat(procedure).as(code + " procedure").contains("R-3.1.3-4", "R-3.1.3-5", "R-3.1.3-6", "签字确认");
      } else {
        softly.assertThat(reason).as(code + " notProxiableReason").isNotBlank();
        softly.assertThat((String) row.get("conditions")).as(code + " conditions").startsWith("不能代办");
        softly.assertThat(materials).as(code + " materials").isEqualTo("无");
        softly.assertThat(legalDays).as(code + " legalTimeLimitDays").isZero();
        softly.assertThat(promisedDays).as(code + " promisedDays").isZero();
        softly.assertThat(procedure).as(code + " procedure").contains("R-3.1.3-1");
      }
    }
    softly.assertAll();
  }

  @Test
  @DisplayName("R-3.1.3-5, R-4.2-1: in every row of the table the community's promised limit is never longer than the legal limit")
  void promisedLimitIsNeverLongerThanTheLegalLimit() {
    List<String> columns = dmn.table().getOutputs().stream().map(Output::getName).toList();
    int name = columns.indexOf("itemName");
    int legal = columns.indexOf("legalTimeLimitDays");
    int promised = columns.indexOf("promisedDays");
    List<Rule> rules = dmn.rules();
    assertThat(rules).as("sanity: the table has its rows").hasSizeGreaterThanOrEqualTo(13);

    SoftAssertions softly = new SoftAssertions();
    for (Rule rule : rules) {
      // the row as the analyst wrote it, cell by cell, not through an evaluation that could hide a row
      List<String> cells = rule.getOutputEntries().stream().map(entry -> entry.getTextContent().strip()).toList();
      String item = cells.get(name).replace("\"", "") + "（" + dmn.inputOf(rule) + "）";
      int legalDays = Integer.parseInt(cells.get(legal));
      int promisedDays = Integer.parseInt(cells.get(promised));
      softly.assertThat(promisedDays)
          .as("%s：社区承诺时限 %d 个工作日长于法定时限 %d 个工作日", item, promisedDays, legalDays)
          .isLessThanOrEqualTo(legalDays);
    }
    softly.assertAll();
  }

  @Test
  @DisplayName("R-3.1.3-5, R-4.2-1: the service catalogue promises a proxy item in the same working days as the knowledge base, within the legal limit")
  void catalogueLimitOfAProxyItemIsItsPromisedLimit() throws IOException {
    DecisionTableFixture catalogue = DecisionTableFixture.load("service-catalogue.dmn", "service-catalogue");
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (Rule rule : catalogue.rules()) {
      String code = catalogue.inputOf(rule);
      Map<String, Object> row = catalogue.evaluate("category", code).getSingleResult().getEntryMap();
      if (!"proxy".equals(row.get("handling"))) {
        continue;
      }
      Map<String, Object> item = evaluate(code).getSingleResult().getEntryMap();
      softly.assertThat(row.get("timeLimitDays")).as("%s（%s）：服务目录承诺时限", row.get("categoryName"), code)
          .isEqualTo(item.get("promisedDays"));
      softly.assertThat((Integer) row.get("timeLimitDays")).as("%s（%s）：服务目录承诺时限不长于法定时限",
          row.get("categoryName"), code).isLessThanOrEqualTo((Integer) item.get("legalTimeLimitDays"));
      checked++;
    }
    softly.assertThat(checked).as("proxy rows of the catalogue").isGreaterThanOrEqualTo(6);
    softly.assertAll();
  }

  @Test
  @DisplayName("R-3.1.3-7, R-1.2-5: the community never charges; a fee is only ever one the department collects")
  void proxyServiceIsFree() {
    SoftAssertions softly = new SoftAssertions();
    softly.assertThat(dmn.decision().getDescription().getTextContent())
        .contains("R-3.1.3-7", "社区不收取居民任何费用", "departmentFee");
    for (String code : itemCodes()) {
      String fee = (String) evaluate(code).getSingleResult().getEntry("departmentFee");
      softly.assertThat(fee).as(code + " departmentFee").doesNotContain("社区收取", "代收");
      if (fee.matches(".*\\d+(\\.\\d+)?\\s*元.*")) {
        softly.assertThat(fee).as(code + " departmentFee names who collects it").contains("收取）").doesNotContain("社区");
      }
    }
    softly.assertAll();
  }

  @Test
  @DisplayName("R-3.1.3-3: contact details are national hotlines or marked （示例） demo data, never invented numbers")
  void contactDetailsAreHotlinesOrMarkedAsDemoData() {
    SoftAssertions softly = new SoftAssertions();
    for (String code : itemCodes()) {
      Map<String, Object> row = evaluate(code).getSingleResult().getEntryMap();
      softly.assertThat((String) row.get("departmentAddress")).as(code + " departmentAddress").startsWith("（示例）");
      String phone = (String) row.get("departmentPhone");
      if (!phone.startsWith("（示例）")) {
        softly.assertThat(phone).as(code + " departmentPhone").isIn(NATIONAL_HOTLINES);
      }
    }
    softly.assertAll();
  }

  @Test
  @DisplayName("R-3.1.3-1, R-3.1.3-3: decision proxy-items (代办事项), UNIQUE, P180D, contract columns, demo-data note, DMNDI shape")
  void decisionMetadata() throws Exception {
    Decision modelDecision = dmn.decision();
    DecisionTable table = dmn.table();

    assertThat(modelDecision.getName()).isEqualTo("代办事项");
    assertThat(modelDecision.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    assertThat(modelDecision.getDescription().getTextContent()).contains("（示例）", "R-3.1.3-1", "R-3.1.3-3");
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.UNIQUE);
    assertThat(table.getInputs()).singleElement().satisfies(input -> {
      assertThat(input.getInputExpression().getTextContent()).isEqualTo("proxyItem");
      assertThat(input.getInputExpression().getTypeRef()).isEqualTo("string");
    });
    assertThat(table.getOutputs()).extracting(Output::getName).containsExactlyElementsOf(OUTPUTS);
    assertThat(table.getOutputs()).extracting(Output::getTypeRef).containsExactlyElementsOf(OUTPUT_TYPES);
    assertThat(dmn.rules()).allSatisfy(rule -> assertThat(rule.getDescription().getTextContent()).contains("R-3.1.3-"));
    assertThat(dmn.hasDiagramShape()).as("DMNDI shape for Camunda Modeler").isTrue();
  }

  private static DmnDecisionTableResult evaluate(String proxyItem) {
    return dmn.evaluate("proxyItem", proxyItem);
  }

  private static List<String> itemCodes() {
    return dmn.rules().stream().map(dmn::inputOf).toList();
  }
}
