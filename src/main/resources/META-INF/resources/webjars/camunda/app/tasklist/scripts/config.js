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
  //
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
  // Chinese for what form-js and the engine would show in English (scripts/shequ-zh.js); deadlines on cards, the
  // case's history tab and the new case's number after 发起 (scripts/shequ-worklist.js), issue 13
  customScripts: ['scripts/shequ-zh', 'scripts/shequ-worklist', 'scripts/shequ-header'],
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
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '跳到列表中的第一个任务筛选'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '跳到列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '跳到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“发起流程”对话框'
    }
  }
};
