// Validates element-templates/*.json with the validator Camunda Modeler itself uses for Camunda 7 templates
// (@bpmn-io/element-templates-validator, JSON schema @camunda/element-templates-json-schema): a template that fails
// here is ignored by Modeler. ElementTemplatesTest checks the templates against the app and the models.
const fs = require('fs');
const path = require('path');
const { validate } = require('@bpmn-io/element-templates-validator');

const folder = path.join(__dirname, '..', '..', 'element-templates');
let templates = 0;
let failed = 0;
for (const file of fs.readdirSync(folder).filter(name => name.endsWith('.json')).sort()) {
  const content = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
  for (const template of Array.isArray(content) ? content : [ content ]) {
    templates++;
    const { valid, errors } = validate(template);
    if (!valid) {
      failed++;
      for (const error of errors) {
        console.error(`${file} ${template.id}: ${error.dataPath || error.instancePath || '/'} ${error.message}`);
      }
    }
  }
}
if (failed || !templates) {
  console.error(`元素模板校验失败：${failed} / ${templates} 个模板不符合 Camunda 7 元素模板规范`);
  process.exit(1);
}
console.log(`元素模板：${templates} 个模板符合 Camunda 7 元素模板规范`);
