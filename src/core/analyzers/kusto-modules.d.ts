// The two scripts of `@kusto/language-service-next` that kusto-loader.ts imports for their side effects.
declare module '@kusto/language-service-next/bridge.min.js';
declare module '@kusto/language-service-next/Kusto.Language.Bridge.min.js';
