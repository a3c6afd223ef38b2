// Vite's types for the browser build: CSS imports and import.meta.env.
/// <reference types="vite/client" />
