package cn.shequflow.casefile;

/**
 * The catalogue of case variables: every name that Java code, the models (processes/), the forms (forms/) and the
 * mail templates (mail-templates/) share. Java code names them through these constants; {@code CaseVariablesTest}
 * fails when a name used in three or more kinds of file is missing here, or when a name here is used nowhere. A
 * procedure's own names, used by its model and one delegate only, stay with that procedure.
 */
public final class CaseVariables {

  // The case header: every procedure's case
  /** 事项编号，也是业务键（JD/DB/TS + 日期 + 序号；值班 ZB、走访 ZF 按班次和住户）。 */
  public static final String CASE_NUMBER = "caseNumber";
  /** 首问责任人（用户 id），对事项负责到底（R-4.1-2）。 */
  public static final String FIRST_RESPONDER = "firstResponder";
  /** 事项现在由谁办理（用户 id）：起初是首问责任人，工作交接后是接手的人；后续任务都交给他（issue 13）。 */
  public static final String CASE_HOLDER = "caseHolder";
  /** 现在办理事项的人或单位的名称（督办邮件和督办任务显示）。 */
  public static final String HOLDER_NAME = "holderName";
  /** 事项当前期限（中文，到分钟；督办邮件和督办任务显示）。 */
  public static final String DUE_TEXT = "dueText";
  /** 书记/主任的督办说明（R-4.2-1）。 */
  public static final String SUPERVISION_NOTE = "supervisionNote";
  /** 首问责任人姓名，表单和邮件显示。 */
  public static final String FIRST_RESPONDER_NAME = "firstResponderName";
  /** 事项所属网格（grid-1…），其工作人员是任务候选人（R-4.1-1）。 */
  public static final String GRID = "grid";
  /** 社区名称，表单、文书和邮件署名。 */
  public static final String COMMUNITY_NAME = "communityName";
  /** 收件时间。 */
  public static final String RECEIVED_AT = "receivedAt";
  /** 收件时间（中文）。 */
  public static final String RECEIVED_TEXT = "receivedText";
  /** 渠道代码：visit、phone、letter、email、online…。 */
  public static final String CHANNEL = "channel";
  /** 渠道中文名。 */
  public static final String CHANNEL_NAME = "channelName";
  /** 服务目录的事项类别代码。 */
  public static final String CATEGORY = "category";
  /** 事项类别中文名（提醒和逾期邮件用它称呼事项）。 */
  public static final String CATEGORY_NAME = "categoryName";
  /** 事项摘要。 */
  public static final String SUMMARY = "summary";
  /** 服务目录规定的办理时限（工作日）。 */
  public static final String TIME_LIMIT_DAYS = "timeLimitDays";
  /** 服务目录所需材料。 */
  public static final String MATERIALS = "materials";
  /** 一次性告知的缺少材料。 */
  public static final String MISSING_MATERIALS = "missingMaterials";
  /** 负责部门。 */
  public static final String DEPARTMENT = "department";
  /** 负责部门联系方式。 */
  public static final String DEPARTMENT_CONTACT = "departmentContact";
  /** 转介的责任单位（按服务目录预填，工作人员可改；转介邮件告知居民，R-4.1-4）。 */
  public static final String REFERRAL_UNIT = "referralUnit";
  /** 转介责任单位的办公地址和电话（按服务目录预填，工作人员核实后告知居民）。 */
  public static final String REFERRAL_CONTACT = "referralContact";
  /** 优先级中文说明（如 高龄老人优先）。 */
  public static final String PRIORITY_LABEL = "priorityLabel";
  /** 工作人员在任务中选的办理结果代码。 */
  public static final String OUTCOME = "outcome";
  /** 承诺办结的工作日数。 */
  public static final String PROMISED_DAYS = "promisedDays";
  /** 承诺办结日期（中文）。 */
  public static final String PROMISED_DUE_TEXT = "promisedDueText";
  /** 办理进展说明。 */
  public static final String PROGRESS_NOTE = "progressNote";
  /** 逾期的任务及其办理人（逾期标记写，逾期通知邮件读；与即将到期的 deadlineTasks 分开，两个定时器同时触发也不互相覆盖）。 */
  public static final String OVERDUE_TASKS = "overdueTasks";
  /** 邮件署名人姓名。 */
  public static final String SIGNER_NAME = "signerName";

  // Residents
  /** 居民姓名。 */
  public static final String RESIDENT_NAME = "residentName";
  /** 居民联系电话。 */
  public static final String RESIDENT_PHONE = "residentPhone";
  /** 居民电子邮箱（可空）。 */
  public static final String RESIDENT_EMAIL = "residentEmail";
  /** 居民对结果的意见。 */
  public static final String RESIDENT_FEEDBACK = "residentFeedback";

  // Complaints
  /** 投诉或建议：complaint / suggestion。 */
  public static final String KIND = "kind";
  /** 投诉人姓名。 */
  public static final String COMPLAINANT_NAME = "complainantName";
  /** 投诉人电子邮箱（可空）。 */
  public static final String COMPLAINANT_EMAIL = "complainantEmail";

  // Escalation to the street office or a department
  /** 上报对象：streetOffice / department。 */
  public static final String ESCALATION_TARGET = "escalationTarget";
  /** 上报理由。 */
  public static final String REPORT_REASON = "reportReason";
  /** 承办单位名称。 */
  public static final String UNIT_NAME = "unitName";
  /** 承办单位答复期限（中文）。 */
  public static final String UNIT_REPLY_DUE_TEXT = "unitReplyDueText";
  /** 承办单位的答复。 */
  public static final String ESCALATION_ANSWER = "escalationAnswer";

  // Proxy service
  /** 代办事项名称。 */
  public static final String ITEM_NAME = "itemName";

  // Emergency duty
  /** 值班事件类型。 */
  public static final String EVENT_TYPE = "eventType";
  /** 值班人员姓名。 */
  public static final String DUTY_WORKER_NAME = "dutyWorkerName";
  /** 接班人员姓名。 */
  public static final String NEXT_WORKER_NAME = "nextWorkerName";
  /** 班次：白班 / 夜班。 */
  public static final String SHIFT_NAME = "shiftName";
  /** 班次起止时间（中文）。 */
  public static final String SHIFT_PERIOD_TEXT = "shiftPeriodText";
  /** 交接班确认期限（中文）。 */
  public static final String HANDOVER_DUE_TEXT = "handoverDueText";

  private CaseVariables() {}
}
