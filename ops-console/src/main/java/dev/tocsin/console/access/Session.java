package dev.tocsin.console.access;

/**
 * One login: who, in which role, and the CSRF token every state-changing request of this session
 * must carry (synchronizer token: a cross-site form cannot read it).
 */
public record Session(String id, String user, ConsoleRole role, String csrfToken) {}
