package dev.hubwizard.engine;

public enum LogLevel { DEBUG, INFO, WARN, ERROR }
