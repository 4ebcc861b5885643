package cn.shequflow.errors;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.casefile.InvalidCaseInputException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 10 item 10: the engine's words become a status and a Chinese message without the engine's prefixes. */
class ChineseErrorsTest {

  @Test
  @DisplayName("issue 10 item 10：受理输入错误是 400 和中文原因，去掉 Cannot instantiate / ENGINE- 前缀")
  void ourValidation_isA400WithTheChineseReasonOnly() {
    RestException wrapped = new RestException(Response.Status.INTERNAL_SERVER_ERROR,
        new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener.",
            new InvalidCaseInputException("residentName", "居民姓名不能为空")),
        "Cannot instantiate process definition reception:1:abc: 居民姓名不能为空");

    ChineseErrors.Rejection rejection = ChineseErrors.of(wrapped);

    assertThat(rejection.status()).isEqualTo(400);
    assertThat(rejection.message()).isEqualTo("居民姓名不能为空");
    assertThat(rejection.type()).isEqualTo("InvalidCaseInputException");
    assertThat(rejection.field()).isEqualTo("residentName");
    assertThat(rejection.expected()).isTrue();
  }

  @Test
  @DisplayName("issue 10 item 10：监听器抛出的中文原因（ENGINE-03051 … Message: '…'）只留中文")
  void listenerWrapper_isStripped() {
    assertThat(ChineseErrors.clean("ENGINE-03051 There was an exception while invoking the TaskListener. Message: "
        + "'针对您本人的投诉不能由您办理'")).isEqualTo("针对您本人的投诉不能由您办理");
    assertThat(ChineseErrors.clean("Cannot submit task form 42: 承诺答复日期“明天”无法识别"))
        .isEqualTo("承诺答复日期“明天”无法识别");
    assertThat(ChineseErrors.clean("Cannot submit task form 42: “abc”不是有效的日期")).isEqualTo("“abc”不是有效的日期");
    assertThat(ChineseErrors.clean("QQ号码格式不正确")).isEqualTo("QQ号码格式不正确");
  }

  @Test
  @DisplayName("issue 10 item 10：10 万字的输入不会原样写回错误信息")
  void hugeQuotedValues_areShortened() {
    String message = ChineseErrors.clean("联系电话“" + "1".repeat(100_000) + "”格式不正确");

    assertThat(message).startsWith("联系电话“1111").contains("…”（共100000个字符）").endsWith("格式不正确");
    assertThat(message.length()).isLessThan(120);
  }

  @Test
  @DisplayName("issue 10 item 10：引擎常见错误译成中文并给出正确的状态码")
  void commonEngineErrors_areTranslated() {
    assertThat(ChineseErrors.of(new RestException(Response.Status.NOT_FOUND,
        "No matching process definition with key: nope and no tenant-id")))
        .extracting(ChineseErrors.Rejection::status, ChineseErrors.Rejection::message)
        .containsExactly(404, "流程“nope”不存在");
    assertThat(ChineseErrors.of(new RestException(Response.Status.INTERNAL_SERVER_ERROR,
        new NullValueException("Cannot find task with id no-such-task: task is null"),
        "Cannot complete task no-such-task: Cannot find task with id no-such-task: task is null")))
        .extracting(ChineseErrors.Rejection::status, ChineseErrors.Rejection::message)
        .containsExactly(404, "任务“no-such-task”不存在或已办结");
    assertThat(ChineseErrors.of(new TaskAlreadyClaimedException("t1", "zhangwei")))
        .extracting(ChineseErrors.Rejection::status, ChineseErrors.Rejection::message)
        .containsExactly(409, "该任务已被其他人认领，请刷新任务列表后再办理");
    assertThat(ChineseErrors.of(new InvalidRequestException(Response.Status.BAD_REQUEST,
        "Cannot instantiate process definition r:1: Cannot convert value 'abc' of type 'Integer' to java type "
            + "java.lang.Integer")).message()).isEqualTo("变量值“abc”不是有效的整数");
    assertThat(ChineseErrors.of(new InvalidRequestException(Response.Status.BAD_REQUEST,
        "Cannot set query parameter 'dueAfter' to value 'x': Cannot convert value \"x\" to java type java.util.Date"))
        .message()).isEqualTo("查询参数“dueAfter”的值“x”无效");
    assertThat(ChineseErrors.of(new NotSupportedException()))
        .extracting(ChineseErrors.Rejection::status, ChineseErrors.Rejection::message)
        .containsExactly(415, "不支持的内容类型，请以 JSON（application/json）提交");
  }

  @Test
  @DisplayName("issue 10 item 10：无权限是 403 和中文，指出缺少的权限")
  void authorizationFailure_isA403InChinese() {
    AuthorizationException denied = new AuthorizationException("lina",
        List.of(new MissingAuthorization("TASK_WORK", "Task", "t1")));

    ChineseErrors.Rejection rejection = ChineseErrors.of(denied);

    assertThat(rejection.status()).isEqualTo(403);
    assertThat(rejection.message()).isEqualTo("您没有权限执行此操作（需要对任务的 TASK_WORK 权限）");
  }

  @Test
  @DisplayName("issue 10 item 10：真正的故障仍是 500，但说中文，不泄露内部信息")
  void realFailure_staysA500WithAPlainChineseSentence() {
    ChineseErrors.Rejection rejection = ChineseErrors.of(new IllegalStateException("邮件模板 x.txt 找不到 /etc/shequ"));

    assertThat(rejection.status()).isEqualTo(500);
    assertThat(rejection.expected()).isFalse();
    assertThat(rejection.message()).contains("服务器内部错误").doesNotContain("/etc");

    Response answer = ChineseErrorFeature.respond(new IllegalStateException("邮件模板 x.txt 找不到 /etc/shequ"), null,
        null);
    assertThat(answer.getStatus()).isEqualTo(500);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> body = (java.util.Map<String, Object>) answer.getEntity();
    assertThat((String) body.get("message")).matches("服务器内部错误.*（错误编号 [0-9a-f]{8}）").doesNotContain("/etc");
    assertThat(body.get("type")).isEqualTo("IllegalStateException");
  }
}
