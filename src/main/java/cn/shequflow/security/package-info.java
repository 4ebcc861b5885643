/** Who may do what: logins and their throttling, HTTP Basic for the app's endpoints, the engine's authorization checks, lockouts and safe defaults. */
package cn.shequflow.security;
