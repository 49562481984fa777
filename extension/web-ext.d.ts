/** The part of web-ext's programmatic API package.test.ts uses (web-ext ships no types). */
declare module 'web-ext' {
  interface LintMessage {
    code: string;
    file?: string;
    message: string;
  }
  interface LintParams {
    sourceDir: string;
    output: 'json' | 'text' | 'none';
    selfHosted: boolean;
    boring: boolean;
  }
  export const cmd: {
    lint(params: LintParams, options: { shouldExitProgram: boolean }): Promise<{ errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] }>;
  };
}
