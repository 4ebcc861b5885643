/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // 社区服务流程 branding: header shows and browser tab title is "<vendor> <name>"
  app: {
    name: '社区服务流程',
    vendor: '本溪市'
  },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'welcome' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // Simplified Chinese is the default (fallback) language; browsers set to
  // English or German still get those languages.
  locales: {
    availableLocales: ['zh', 'en', 'de'],
    fallbackLocale: 'zh'
  },
  // the app's own staff pages (issue 13 item 9), listed under 链接 on the Welcome page instead of Camunda's links
  links: [
    {
      label: '工作人员首页',
      href: '/staff',
      description: '事项台账、住户导入、本月走访计划、任务移交等工作人员页面'
    },
    {
      label: '事项台账',
      href: '/staff/cases',
      description: '按编号、居民姓名或电话查找事项，办理中的和已办结的（网格员看本网格）'
    },
    {
      label: '住户导入',
      href: '/staff/households/import',
      description: '上传户籍表，查看导入进度和每一行的错误（社区书记/主任、系统管理员）'
    },
    {
      label: '本月走访计划',
      href: '/staff/visits',
      description: '生成和查看本月的走访计划（网格员看本网格）'
    },
    {
      label: '任务移交',
      href: '/staff/handover',
      description: '把一名工作人员的全部待办移交给同事（社区书记/主任）'
    }
  ],
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false
};
