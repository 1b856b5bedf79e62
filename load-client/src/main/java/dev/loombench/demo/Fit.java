package dev.loombench.demo;

/**
 * A least-squares straight line {@code y = intercept + slope·x} through measured points: how the
 * scenarios turn "RSS at 1k, 2k, 5k connections" into "KB per connection", or "first reply of the
 * k-th client" into "ms per client waited".
 */
record Fit(double slope, double intercept) {

    /** The line through the points; a flat line through the mean when fewer than two distinct x. */
    static Fit of(double[] x, double[] y) {
        int n = x.length;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new Fit(slope, my - slope * mx);
    }
}
