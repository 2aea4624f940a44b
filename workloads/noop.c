/* noop: exits at once. The container whose cold start isobench's `startup` measurement times. */
int main(void) { return 0; }
