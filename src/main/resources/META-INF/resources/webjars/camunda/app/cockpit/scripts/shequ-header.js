/* 社区服务流程：服务指标 and 事项台账 in Cockpit's header (issue 14), as in Tasklist's (../tasklist/scripts/shequ-header.js). */
import { headerPlugin } from '../../tasklist/scripts/shequ-header.js';

export default [headerPlugin('shequ-header-links', 'cockpit.navigation')];
