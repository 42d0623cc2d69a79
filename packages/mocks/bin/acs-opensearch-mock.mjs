#!/usr/bin/env node
// The acs-opensearch-mock command: a committed shim, so that the bin exists before the first build.
import '../dist/bin.js';
