/*
 * Linked with one layer's whole archive and only the layers below it: if
 * the layer calls anything above itself, this program does not link.
 */
int
main(void)
{
	return 0;
}
