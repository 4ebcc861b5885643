package cn.shequflow.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * Models an attacker with deployment rights would send (issue 10 item 2): each names the file, the element the
 * refusal must name, and a piece of text the Chinese refusal must contain.
 */
final class HostileCorpus {

  record Case(String name, String file, String content, String element, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private HostileCorpus() {}

  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    // JUEL: reflection, Runtime, .class, the engine's services, beans not on the list, Spin, lambdas, #{}
    expression(cases, "反射 getClass().forName(Runtime)", "serviceTask",
        "camunda:expression=\"%s\"",
        "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch /tmp/pwned')}",
        "getClass");
    expression(cases, "Runtime.getRuntime().exec()", "userTask", "camunda:assignee=\"%s\"",
        "${Runtime.getRuntime().exec('id')}", "Runtime.getRuntime()");
    expression(cases, ".class 属性", "userTask", "camunda:candidateGroups=\"%s\"",
        "${residentName.class.name}", "class");
    expression(cases, "execution.getProcessEngineServices()", "userTask", "camunda:dueDate=\"%s\"",
        "${execution.getProcessEngineServices().getRuntimeService().createProcessInstanceQuery().list()}",
        "getProcessEngineServices");
    expression(cases, "execution.processEngineServices", "userTask", "camunda:followUpDate=\"%s\"",
        "${execution.processEngineServices.runtimeService}", "processEngineServices");
    expression(cases, "不在白名单的 Bean runtimeService", "userTask", "camunda:priority=\"%s\"",
        "${runtimeService.createProcessInstanceQuery().count()}", "Bean runtimeService 不在白名单中");
    expression(cases, "applicationContext.getBean()", "serviceTask", "camunda:expression=\"%s\"",
        "${applicationContext.getBean('dataSource')}", "applicationContext");
    expression(cases, "直接引用不在白名单的 Bean dataSource", "serviceTask", "camunda:expression=\"%s\"",
        "${dataSource}", "Bean dataSource 不在白名单中");
    expression(cases, "白名单 Bean 的非白名单方法 workingDays.reload()", "userTask", "camunda:dueDate=\"%s\"",
        "${workingDays.reload()}", "workingDays.reload()");
    expression(cases, "白名单 Bean 的 getClass()", "userTask", "camunda:priority=\"%s\"",
        "${workingDays.getClass().getClassLoader()}", "getClass");
    expression(cases, "Spin S()", "userTask", "camunda:assignee=\"%s\"",
        "${S(residentName).prop('x').value()}", "S()");
    expression(cases, "Spin JSON()", "userTask", "camunda:candidateUsers=\"%s\"",
        "${JSON('{\"a\":1}').prop('a')}", "JSON()");
    expression(cases, "EL lambda", "serviceTask", "camunda:expression=\"%s\"",
        "${(x -> x.getClass())('a')}", "lambda");
    expression(cases, "#{} 延迟求值语法", "userTask", "camunda:assignee=\"%s\"",
        "#{''.getClass()}", "getClass");
    expression(cases, "变量上的方法调用", "userTask", "camunda:assignee=\"%s\"",
        "${residentName.toUpperCase()}", "toUpperCase");
    expression(cases, "委托 Bean 上的方法调用", "serviceTask", "camunda:expression=\"%s\"",
        "${sendMailDelegate.execute(execution)}", "sendMailDelegate.execute()");
    cases.add(bpmn("决策结果上的方法调用（输出映射只能用 decision.output 读取）", "<bpmn:businessRuleTask "
        + "id=\"Task_Hostile\" camunda:decisionRef=\"proxy-items\"><bpmn:extensionElements><camunda:inputOutput>"
        + "<camunda:outputParameter name=\"x\">${decisionResult.getSingleResult().itemName}</camunda:outputParameter>"
        + "</camunda:inputOutput></bpmn:extensionElements></bpmn:businessRuleTask>", "Task_Hostile", "getSingleResult"));
    expression(cases, "decision Bean 的非白名单方法", "userTask", "camunda:priority=\"%s\"",
        "${decision.getClass().getClassLoader()}", "getClass");
    expression(cases, "方括号访问 x['class']", "userTask", "camunda:dueDate=\"%s\"",
        "${residentName['class']}", "方括号");
    expression(cases, "函数 currentUser()", "userTask", "camunda:assignee=\"%s\"",
        "${currentUser()}", "currentUser()");
    expression(cases, "直接引用 execution", "userTask", "camunda:formRef=\"%s\"",
        "${execution}", "execution");
    cases.add(bpmn("delegateExpression 指向服务 Bean", "<bpmn:serviceTask id=\"Task_Hostile\" "
        + "camunda:delegateExpression=\"${workingDays}\" />", "Task_Hostile", "delegateExpression"));
    cases.add(bpmn("delegateExpression 指向变量", "<bpmn:serviceTask id=\"Task_Hostile\" "
        + "camunda:delegateExpression=\"${residentName}\" />", "Task_Hostile", "delegateExpression"));
    cases.add(bpmn("执行监听器表达式", "<bpmn:userTask id=\"Task_Hostile\"><bpmn:extensionElements>"
        + "<camunda:executionListener event=\"start\" expression=\"${execution.getProcessEngine().getName()}\" />"
        + "</bpmn:extensionElements></bpmn:userTask>", "Task_Hostile", "getProcessEngine"));
    cases.add(bpmn("任务监听器表达式", "<bpmn:userTask id=\"Task_Hostile\"><bpmn:extensionElements>"
        + "<camunda:taskListener event=\"create\" expression=\"${task.getProcessEngineServices()}\" />"
        + "</bpmn:extensionElements></bpmn:userTask>", "Task_Hostile", "getProcessEngineServices"));
    cases.add(bpmn("输入参数表达式", "<bpmn:userTask id=\"Task_Hostile\"><bpmn:extensionElements>"
        + "<camunda:inputOutput><camunda:inputParameter name=\"x\">${execution.getVariables()}</camunda:inputParameter>"
        + "</camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>", "Task_Hostile", "getVariables"));
    cases.add(bpmn("用户任务说明（documentation 会被求值）", "<bpmn:userTask id=\"Task_Hostile\">"
        + "<bpmn:documentation>${''.getClass().getName()}</bpmn:documentation></bpmn:userTask>", "Task_Hostile",
        "getClass"));
    cases.add(bpmnRaw("条件表达式", """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_Hostile" sourceRef="Start" targetRef="End">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${residentName.getBytes().length &gt; 0}</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:endEvent id="End" />""", "Flow_Hostile", "getBytes"));
    cases.add(bpmnRaw("定时器表达式", """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Timer_Hostile" />
        <bpmn:intermediateCatchEvent id="Timer_Hostile"><bpmn:timerEventDefinition id="TimerDef_Hostile">
          <bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${runtimeService.toString()}</bpmn:timeDuration>
        </bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:sequenceFlow id="Flow_2" sourceRef="Timer_Hostile" targetRef="End" />
        <bpmn:endEvent id="End" />""", "TimerDef_Hostile", "runtimeService"));
    cases.add(bpmnRaw("调用活动的 businessKey（#{}）", """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Call_Hostile" />
        <bpmn:callActivity id="Call_Hostile" calledElement="reception"><bpmn:extensionElements>
          <camunda:in businessKey="#{execution.getProcessEngineServices().getIdentityService()}" />
        </bpmn:extensionElements></bpmn:callActivity>
        <bpmn:sequenceFlow id="Flow_2" sourceRef="Call_Hostile" targetRef="End" />
        <bpmn:endEvent id="End" />""", "Call_Hostile", "getProcessEngineServices"));
    cases.add(bpmn("算术运算", "<bpmn:userTask id=\"Task_Hostile\" camunda:priority=\"${taskPriority * 1000}\" />",
        "Task_Hostile", "算术"));

    // scripts, classes, external scripts, connectors, field injection, forms that run outside content
    cases.add(bpmn("脚本任务", "<bpmn:scriptTask id=\"Task_Hostile\" scriptFormat=\"groovy\">"
        + "<bpmn:script>'id'.execute()</bpmn:script></bpmn:scriptTask>", "Task_Hostile", "scriptTask"));
    cases.add(bpmn("执行监听器脚本", "<bpmn:userTask id=\"Task_Hostile\"><bpmn:extensionElements>"
        + "<camunda:executionListener event=\"start\"><camunda:script scriptFormat=\"javascript\">"
        + "java.lang.Runtime.getRuntime().exec('id')</camunda:script></camunda:executionListener>"
        + "</bpmn:extensionElements></bpmn:userTask>", "Task_Hostile", "camunda:script"));
    cases.add(bpmn("任务监听器脚本", "<bpmn:userTask id=\"Task_Hostile\"><bpmn:extensionElements>"
        + "<camunda:taskListener event=\"create\"><camunda:script scriptFormat=\"groovy\">task.delete()</camunda:script>"
        + "</camunda:taskListener></bpmn:extensionElements></bpmn:userTask>", "Task_Hostile", "camunda:script"));
    cases.add(bpmnRaw("脚本条件 language=javascript", """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_Hostile" sourceRef="Start" targetRef="End">
          <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">java.lang.System.exit(1)</bpmn:conditionExpression>
        </bpmn:sequenceFlow>
        <bpmn:endEvent id="End" />""", "Flow_Hostile", "language=\"javascript\""));
    cases.add(bpmn("外部脚本 camunda:resource", "<bpmn:userTask id=\"Task_Hostile\"><bpmn:extensionElements>"
        + "<camunda:inputOutput><camunda:inputParameter name=\"x\"><camunda:script scriptFormat=\"groovy\" "
        + "resource=\"deployment://evil.groovy\" /></camunda:inputParameter></camunda:inputOutput>"
        + "</bpmn:extensionElements></bpmn:userTask>", "Task_Hostile", "camunda:resource"));
    cases.add(bpmn("camunda:class 服务任务", "<bpmn:serviceTask id=\"Task_Hostile\" "
        + "camunda:class=\"org.camunda.bpm.engine.impl.bpmn.behavior.ShellActivityBehavior\" />", "Task_Hostile",
        "camunda:class"));
    cases.add(bpmn("camunda:class 监听器", "<bpmn:userTask id=\"Task_Hostile\"><bpmn:extensionElements>"
        + "<camunda:executionListener event=\"start\" class=\"java.lang.Runtime\" /></bpmn:extensionElements>"
        + "</bpmn:userTask>", "Task_Hostile", "Java 类"));
    cases.add(bpmn("连接器 camunda:connector", "<bpmn:serviceTask id=\"Task_Hostile\"><bpmn:extensionElements>"
        + "<camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector>"
        + "</bpmn:extensionElements></bpmn:serviceTask>", "Task_Hostile", "camunda:connector"));
    cases.add(bpmn("字段注入 camunda:field", "<bpmn:serviceTask id=\"Task_Hostile\" "
        + "camunda:delegateExpression=\"${sendMailDelegate}\"><bpmn:extensionElements>"
        + "<camunda:field name=\"mailService\" stringValue=\"x\" /></bpmn:extensionElements></bpmn:serviceTask>",
        "Task_Hostile", "camunda:field"));
    cases.add(bpmn("camunda:formHandlerClass", "<bpmn:userTask id=\"Task_Hostile\" "
        + "camunda:formHandlerClass=\"java.lang.ProcessBuilder\" />", "Task_Hostile", "formHandlerClass"));
    cases.add(bpmn("camunda:variableMappingClass", "<bpmn:callActivity id=\"Task_Hostile\" calledElement=\"x\" "
        + "camunda:variableMappingClass=\"java.lang.Runtime\" />", "Task_Hostile", "variableMappingClass"));
    cases.add(bpmn("activiti:class（引擎按 camunda:class 读取）", "<bpmn:serviceTask id=\"Task_Hostile\" "
        + "xmlns:activiti=\"http://activiti.org/bpmn\" activiti:class=\"java.lang.Runtime\" />", "Task_Hostile",
        "activiti:class"));
    cases.add(bpmn("嵌入式 HTML 表单 formKey", "<bpmn:userTask id=\"Task_Hostile\" "
        + "camunda:formKey=\"embedded:deployment:evil.html\" />", "Task_Hostile", "formKey"));
    cases.add(bpmn("XHTML script 元素", "<bpmn:userTask id=\"Task_Hostile\"><bpmn:extensionElements>"
        + "<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">alert(document.cookie)</html:script>"
        + "</bpmn:extensionElements></bpmn:userTask>", "Task_Hostile", "html:script"));
    cases.add(new Case("DOCTYPE 外部实体 (XXE)", "processes/hostile-xxe.bpmn", """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        """ + definitions("hostile-xxe", "<bpmn:startEvent id=\"Start\" name=\"&xxe;\" />"), null, "DOCTYPE"));
    cases.add(new Case("XML 处理指令 xml-stylesheet", "processes/hostile-pi.bpmn",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"http://evil/x.xsl\"?>\n"
            + definitions("hostile-pi", "<bpmn:startEvent id=\"Start\" />"), null, "xml-stylesheet"));

    // DMN: only FEEL, and only FEEL that cannot reach Java
    cases.add(dmn("DMN expressionLanguage=juel", "<inputExpression id=\"InputExpression_Hostile\" "
        + "typeRef=\"string\" expressionLanguage=\"juel\"><text>${''.getClass()}</text></inputExpression>",
        "<text>\"a\"</text>", "InputExpression_Hostile", "juel"));
    cases.add(dmn("DMN expressionLanguage=javascript", "<inputExpression id=\"InputExpression_Probe\" "
        + "typeRef=\"string\"><text>priorityGroup</text></inputExpression>",
        "<text>\"a\"</text></outputEntry><outputEntry id=\"OutputEntry_Hostile\" expressionLanguage=\"javascript\">"
            + "<text>java.lang.Runtime.getRuntime().exec('id')</text>", "OutputEntry_Hostile", "javascript"));
    cases.add(new Case("DMN definitions expressionLanguage=groovy", "processes/hostile-groovy.dmn",
        dmnDocument("hostile-groovy", " expressionLanguage=\"groovy\"", "<inputExpression id=\"InputExpression_Probe\" "
            + "typeRef=\"string\"><text>priorityGroup</text></inputExpression>", "<text>\"a\"</text>"),
        "Definitions_hostile-groovy", "groovy"));
    cases.add(dmn("FEEL 调用对象方法 x.getClass()", "<inputExpression id=\"InputExpression_Probe\" "
        + "typeRef=\"string\"><text>priorityGroup</text></inputExpression>",
        "<text>priorityGroup.getClass()</text>", "OutputEntry_Probe", "getClass"));
    cases.add(dmn("FEEL 属性 x.class", "<inputExpression id=\"InputExpression_Hostile\" "
        + "typeRef=\"string\"><text>priorityGroup.class</text></inputExpression>", "<text>\"a\"</text>",
        "InputExpression_Hostile", "priorityGroup.class"));
    cases.add(dmn("FEEL external Java 函数", "<inputExpression id=\"InputExpression_Probe\" "
        + "typeRef=\"string\"><text>priorityGroup</text></inputExpression>",
        "<text>{f: function(x) external {java: {class: \"java.lang.System\", method signature: \"exit(int)\"}}}</text>",
        "OutputEntry_Probe", "external"));
    cases.add(dmn("FEEL 正则函数 matches()（可被写成永不结束）", "<inputExpression id=\"InputExpression_Probe\" "
        + "typeRef=\"string\"><text>priorityGroup</text></inputExpression>",
        "<text>matches(priorityGroup, \"(a+)+$\")</text>", "OutputEntry_Probe", "matches()"));

    // forms and other files
    cases.add(new Case("表单 iframe 组件", "forms/hostile-iframe.form", """
        {"id":"hostile-iframe","type":"default","schemaVersion":16,"components":[
          {"type":"iframe","id":"Field_Hostile","url":"https://evil.example/","security":{"allowScripts":true}}]}
        """, "Field_Hostile", "iframe"));
    cases.add(new Case("表单 html 组件", "forms/hostile-html.form", """
        {"id":"hostile-html","type":"default","schemaVersion":16,"components":[
          {"type":"html","id":"Field_Hostile","content":"<img src=x onerror=alert(1)>"}]}
        """, "Field_Hostile", "html"));
    cases.add(new Case("表单文本中的 javascript: 链接", "forms/hostile-link.form", """
        {"id":"hostile-link","type":"default","schemaVersion":16,"components":[
          {"type":"text","id":"Field_Hostile","text":"[点这里](javascript:fetch('/engine-rest/user'))"}]}
        """, "Field_Hostile", "javascript:"));
    cases.add(new Case("HTML 文件（嵌入式表单）", "forms/evil.html",
        "<script>fetch('/camunda/api/admin/user')</script>", null, "evil.html"));
    cases.add(new Case("脚本文件", "processes/evil.groovy", "'id'.execute()", null, "evil.groovy"));
    cases.add(new Case("CMMN 文件", "processes/hostile.cmmn", "<definitions/>", null, "hostile.cmmn"));
    cases.add(new Case("SVG 图片（可带脚本）", "processes/diagram.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", null, "diagram.svg"));
    return cases;
  }

  private static void expression(List<Case> cases, String name, String task, String attribute, String expression,
      String expected) {
    String element = "<bpmn:" + task + " id=\"Task_Hostile\" " + attribute.formatted(xml(expression)) + " />";
    cases.add(bpmn(name, element, "Task_Hostile", expected));
  }

  /** A process Start → (the hostile element, id Task_Hostile) → End. */
  private static Case bpmn(String name, String element, String elementId, String expected) {
    return bpmnRaw(name, """
        <bpmn:startEvent id="Start" />
        <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Hostile" />
        %s
        <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Hostile" targetRef="End" />
        <bpmn:endEvent id="End" />""".formatted(element), elementId, expected);
  }

  private static Case bpmnRaw(String name, String body, String elementId, String expected) {
    String key = "hostile-" + Integer.toHexString(name.hashCode());
    return new Case(name, "processes/" + key + ".bpmn",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + definitions(key, body), elementId, expected);
  }

  static String definitions(String key, String body) {
    return """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            id="Definitions_%1$s" targetNamespace="test">
          <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            %2$s
          </bpmn:process>
        </bpmn:definitions>
        """.formatted(key, body);
  }

  private static Case dmn(String name, String input, String outputEntry, String elementId, String expected) {
    String key = "hostile-" + Integer.toHexString(name.hashCode());
    return new Case(name, "processes/" + key + ".dmn", dmnDocument(key, "", input, outputEntry), elementId, expected);
  }

  static String dmnDocument(String key, String definitionsAttributes, String input, String outputEntry) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:camunda="http://camunda.org/schema/1.0/dmn"
            id="Definitions_%1$s" name="probe" namespace="http://camunda.org/schema/1.0/dmn"%2$s>
          <decision id="%1$s" name="probe" camunda:historyTimeToLive="P1D">
            <decisionTable id="DecisionTable_Probe" hitPolicy="UNIQUE">
              <input id="Input_Probe" label="in">%3$s</input>
              <output id="Output_Probe" label="out" name="out" typeRef="string" />
              <rule id="Rule_Probe">
                <inputEntry id="InputEntry_Probe"><text>-</text></inputEntry>
                <outputEntry id="OutputEntry_Probe">%4$s</outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(key, definitionsAttributes, input, outputEntry);
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
