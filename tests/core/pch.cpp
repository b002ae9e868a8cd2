// Carrier for the shared precompiled torch header of the core tests.
